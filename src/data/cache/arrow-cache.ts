import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createWriteStream, openSync, readSync } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type Data,
  type DataType,
  Field,
  Float64,
  Int8,
  makeData,
  RecordBatch,
  RecordBatchReader,
  RecordBatchStreamWriter,
  Schema,
  Struct,
  Uint8,
} from 'apache-arrow';
import type { EventBatch } from '../schema.ts';

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
 * Reads a cache entry batch by batch; the typed arrays are views of the IPC message bodies, never
 * copies. The bytes come from synchronous reads into fresh 4 MiB buffers (a batch keeps its buffer
 * alive while referenced), which costs about half of a read stream's machinery.
 */
export async function* readCache(file: string): AsyncGenerator<EventBatch> {
  for (const rb of RecordBatchReader.from(fileChunks(file))) {
    const col = (i: number) => rb.data.children[i].values;
    yield {
      length: rb.numRows,
      tsExch: col(0) as Float64Array,
      tsLocal: col(1) as Float64Array,
      kind: col(2) as Uint8Array,
      side: col(3) as Int8Array,
      price: col(4) as Float64Array,
      size: col(5) as Float64Array,
    };
  }
}

function* fileChunks(file: string): Generator<Uint8Array> {
  const fd = openSync(file, 'r');
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(READ_CHUNK);
      const n = readSync(fd, buf, 0, READ_CHUNK, null);
      if (n <= 0) return;
      yield n < READ_CHUNK ? buf.subarray(0, n) : buf;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * Passes batches through while writing them to a new cache entry; the entry appears (by rename)
 * only once the whole stream was read, so an interrupted read leaves no partial entry. The IPC
 * writer holds views of the batches until they reach the file: consumers must not modify them.
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
  writer.toNodeStream().pipe(out);
  let complete = false;
  try {
    for await (const b of source) {
      writer.write(toRecordBatch(b));
      yield b;
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
