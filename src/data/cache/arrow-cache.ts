import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import {
  type Data,
  type DataType,
  Field,
  Float64,
  Int8,
  Message,
  type MessageHeader,
  makeData,
  RecordBatch,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Uint8,
} from 'apache-arrow';
import { batchWithLength, type EventBatch, makeBatch } from '../schema.ts';

/**
 * Arrow IPC cache of decoded batches. Entries are named by the sha256 of the Parquet file's bytes,
 * so an edited or replaced file can never be answered from a stale entry; times are stored as
 * doubles (exact µs) so a warm read hands out the IPC buffers as the batch's typed arrays, no copy.
 */
const FIELDS = [
  new Field('ts_exch', new Float64(), false),
  new Field('ts_local', new Float64(), false),
  new Field('kind', new Uint8(), false),
  new Field('side', new Int8(), false),
  new Field('price', new Float64(), false),
  new Field('size', new Float64(), false),
];
const SCHEMA = new Schema(FIELDS);
const READ_CHUNK = 4 << 20;
type MessageRecordBatch = ReturnType<Message<MessageHeader.RecordBatch>['header']>;

/** Default cache folder: EXECSIM_CACHE_DIR, else `.cache/execsim` under the working directory. */
export function defaultCacheDir(): string {
  return process.env.EXECSIM_CACHE_DIR ?? join(process.cwd(), '.cache', 'execsim');
}

/**
 * sha256 of a file's bytes. Synchronous 4 MiB reads into one reused buffer: on a warm read this
 * hash is half the cost, and Node's read streams roughly double it.
 */
export async function fileSha256(path: string): Promise<string> {
  const h = createHash('sha256');
  const buf = Buffer.allocUnsafe(READ_CHUNK);
  const fd = openSync(path, 'r');
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, READ_CHUNK, null);
      if (n <= 0) break;
      h.update(buf.subarray(0, n));
    }
  } finally {
    closeSync(fd);
  }
  return h.digest('hex');
}

export function cachePath(dir: string, sha256: string): string {
  return join(dir, `${sha256}.arrows`);
}

export async function cacheExists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

/**
 * Reads a cache entry batch by batch; the typed arrays are views of the message body they were
 * read into, never copies. Each IPC message is read whole into a buffer of its own size (framing
 * and header decoded with apache-arrow's Message), so no batch straddles two reads and nothing is
 * joined. An entry whose schema or layout is not the one `writeThroughCache` writes is refused.
 */
export async function* readCache(file: string): AsyncGenerator<EventBatch> {
  const fd = openSync(file, 'r');
  // Bodies handed back (EventBatch.release) are read into again: a fresh buffer costs its page
  // faults, about as much as reading into it.
  const spare: Buffer[] = [];
  try {
    let pos = 0;
    let schemaSeen = false;
    for (;;) {
      const next = readMessage(fd, pos, file, spare);
      if (next === undefined) return;
      const { message, body } = next;
      pos = next.end;
      if (message.isSchema()) {
        checkSchema(message.header(), file);
        schemaSeen = true;
        continue;
      }
      if (!message.isRecordBatch() || !schemaSeen) throw badEntry(file, 'a record batch before its schema');
      const batch = batchOf(message.header(), body, file);
      let released = false;
      batch.release = () => {
        if (!released && spare.length < SPARE_BODIES) spare.push(body);
        released = true;
      };
      yield batch;
    }
  } finally {
    closeSync(fd);
  }
}

const SPARE_BODIES = 4;

const PREFIX = Buffer.alloc(8);

/** The IPC message at byte `pos`: its header, its body and where the next one starts. */
function readMessage(
  fd: number,
  pos: number,
  file: string,
  spare: Buffer[],
): { message: Message; body: Buffer; end: number } | undefined {
  if (readSync(fd, PREFIX, 0, 8, pos) < 8) return undefined;
  // Framing: 0xFFFFFFFF, then the metadata length (0 marks the end of the stream).
  if (PREFIX.readUInt32LE(0) !== 0xffff_ffff) throw badEntry(file, 'an IPC message without its marker');
  const metaLength = PREFIX.readInt32LE(4);
  if (metaLength === 0) return undefined;
  const meta = readExactly(fd, metaLength, pos + 8, file);
  const message = Message.decode(meta);
  const bodyLength = Number(message.bodyLength);
  const reuse = spare.length > 0 && spare[spare.length - 1].length === bodyLength ? spare.pop() : undefined;
  const body = readExactly(fd, bodyLength, pos + 8 + metaLength, file, reuse);
  return { message, body, end: pos + 8 + metaLength + bodyLength };
}

function readExactly(fd: number, length: number, pos: number, file: string, into?: Buffer): Buffer {
  // allocUnsafeSlow: a buffer of its own (never a slice of Node's pool), so views start aligned.
  const buf = into ?? Buffer.allocUnsafeSlow(length);
  for (let got = 0; got < length; ) {
    const n = readSync(fd, buf, got, length - got, pos + got);
    if (n <= 0) throw badEntry(file, 'a message cut short');
    got += n;
  }
  return buf;
}

function checkSchema(schema: Schema, file: string): void {
  const ok =
    schema.fields.length === FIELDS.length &&
    schema.fields.every((f, i) => f.name === FIELDS[i].name && String(f.type) === String(FIELDS[i].type));
  if (!ok) throw badEntry(file, `columns ${schema.fields.map((f) => `${f.name}: ${f.type}`).join(', ')}`);
}

/** The batch's columns as views of the body: buffers come as (validity, values) per column. */
function batchOf(header: MessageRecordBatch, body: Buffer, file: string): EventBatch {
  const n = header.length;
  const { buffers, nodes } = header;
  if (
    header.compression !== null ||
    buffers.length !== 2 * FIELDS.length ||
    nodes.some((c) => c.nullCount > 0)
  ) {
    throw badEntry(file, 'a record batch laid out otherwise than execsim writes it');
  }
  const at = (c: number) => body.byteOffset + buffers[2 * c + 1].offset;
  const f64 = (c: number) => new Float64Array(body.buffer, at(c), n);
  return makeBatch(
    n,
    f64(0),
    f64(1),
    new Uint8Array(body.buffer, at(2), n),
    new Int8Array(body.buffer, at(3), n),
    f64(4),
    f64(5),
  );
}

function badEntry(file: string, what: string): Error {
  return new Error(`${file}: not an execsim cache entry (${what}); delete it to read the Parquet file again`);
}

/**
 * Passes batches through while writing them to a new cache entry; the entry appears (by rename)
 * only once the whole stream was read, so an interrupted read leaves no partial entry. The IPC
 * writer holds views of the batches until they reach the file: consumers must not modify them, and
 * the batches passed on have no release().
 */
export async function* writeThroughCache(
  source: AsyncIterable<EventBatch>,
  dir: string,
  file: string,
): AsyncGenerator<EventBatch> {
  try {
    await mkdir(dir, { recursive: true });
  } catch {
    yield* source; // no usable cache folder: read without one
    return;
  }
  const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  const writer = new RecordBatchStreamWriter();
  const out = createWriteStream(tmp);
  // The writer's bytes through its own async iterator: its toNodeStream() is installed by
  // apache-arrow's Node entry as a side effect, which a bundle may drop (the package declares
  // none).
  Readable.from(writer).pipe(out);
  let complete = false;
  try {
    for await (const b of source) {
      writer.write(toRecordBatch(b));
      // Without release(): the writer holds views of the columns until they reach the file, so the
      // source may not fill them again when the consumer is done.
      yield batchWithLength(b, b.length);
    }
    complete = true;
  } finally {
    writer.finish();
    let kept = false;
    try {
      await finished(out);
      if (complete) {
        await rename(tmp, file);
        kept = true;
      }
    } catch {
      // A cache entry that cannot be written (disk full, folder gone) is only a missed cache: the
      // rows were already delivered from Parquet.
    }
    if (!kept) await rm(tmp, { force: true });
  }
}

function toRecordBatch(b: EventBatch): RecordBatch {
  const n = b.length;
  const cols: [DataType, ArrayLike<number>][] = [
    [FIELDS[0].type, b.tsExch.subarray(0, n)],
    [FIELDS[1].type, b.tsLocal.subarray(0, n)],
    [FIELDS[2].type, b.kind.subarray(0, n)],
    [FIELDS[3].type, b.side.subarray(0, n)],
    [FIELDS[4].type, b.price.subarray(0, n)],
    [FIELDS[5].type, b.size.subarray(0, n)],
  ];
  const children = cols.map(([type, data]) => makeData({ type, length: n, data } as never) as Data);
  const data = makeData({ type: new Struct(FIELDS), length: n, nullCount: 0, children });
  return new RecordBatch(SCHEMA, data);
}
