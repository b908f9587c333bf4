import { InputError } from '../../core/index.ts';
import { allocBatch, type EventBatch, makeBatch } from '../schema.ts';
import { sqlString } from './duckdb.ts';
import { readEventMetaWith } from './meta.ts';
import { NativeDuckDB } from './native-duckdb.ts';

export interface ReadOptions {
  /** Rows per batch handed out (default 65,536). Memory stays bounded by a few batches. */
  batchRows?: number;
}

const DEFAULT_BATCH_ROWS = 65_536;
/** Batches handed back (EventBatch.release) kept to be filled again. */
const SPARE_BATCHES = 4;
/** Decoded rows DuckDB may hold ahead of the reader: ~2 M rows of the market-event table. */
export const STREAMING_BUFFER = '64MB';

/**
 * Streams a market-event file as struct-of-typed-array batches, in file order, with memory bounded
 * by DuckDB's streaming buffer and a few batches whatever the file length. Callers may keep a
 * batch; one handed back with its release() is filled again with later rows: fresh typed arrays
 * cost their page faults (a 5 M-row read took ~25% longer keeping every batch than handing each back).
 */
export async function* readParquetEvents(path: string, opts: ReadOptions = {}): AsyncGenerator<EventBatch> {
  const cap = opts.batchRows ?? DEFAULT_BATCH_ROWS;
  // The native library is loaded when a file is decoded, not with the module (a cached read needs none).
  const db = await NativeDuckDB.open();
  const duckdb = db.bindings;
  try {
    const { rows } = await readEventMetaWith(db, path); // checks the schema first, with a clear error
    // DuckDB decodes ahead into this buffer on its own threads while the caller works on earlier
    // batches; with the default (~1 MB) its threads wait on every fetch, and a full simulation
    // reads at about half the rate (bench/reader.ts measures both).
    await db.run(`SET streaming_buffer_size = '${STREAMING_BUFFER}'`);
    // Times come out as DOUBLE (exact µs below 2^53): DuckDB converts them in native code, so every
    // column is a block copy here instead of one BigInt per cell. The chunks are read through the
    // bindings, without node-api's wrappers (a vector object per column per chunk).
    const raw = await withFileInErrors(
      path,
      db.stream(
        `SELECT ts_exch::DOUBLE, ts_local::DOUBLE, kind, side, price, size FROM read_parquet(${sqlString(path)})`,
      ),
    );
    const spare: EventBatch[] = [];
    const nextBatch = (): EventBatch => {
      const b = spare.pop() ?? allocBatch(cap);
      // A new batch object over the reused columns, so a second release() of the old one does nothing.
      let released = false;
      const reused = makeBatch(0, b.tsExch, b.tsLocal, b.kind, b.side, b.price, b.size, () => {
        if (!released && spare.length < SPARE_BATCHES) spare.push(reused);
        released = true;
      });
      return reused;
    };
    let batch = nextBatch();
    let rowBase = 0;
    const columns: Column[] = [];
    const chunks = db.chunks(raw);
    for (;;) {
      const next = await withFileInErrors(path, chunks.next());
      if (next.done) break;
      const { chunk, n } = next.value;
      for (let c = 0; c < 6; c++) {
        const vector = duckdb.data_chunk_get_vector(chunk, c);
        const nullAt = firstNull(duckdb.vector_get_validity(vector, 8 * Math.ceil(n / 64)), n);
        if (nullAt >= 0) {
          throw new InputError('null-value', 'market-event columns hold no NULLs', {
            file: path,
            row: rowBase + nullAt + 1,
          });
        }
        columns[c] = viewOf(duckdb.vector_get_data(vector, n * WIDTH[c]), c, n);
      }
      const [tsExch, tsLocal, kind, side, price, size] = columns;
      let off = 0;
      while (off < n) {
        const take = Math.min(n - off, cap - batch.length);
        const at = batch.length;
        batch.tsExch.set(tsExch.subarray(off, off + take) as Float64Array, at);
        batch.tsLocal.set(tsLocal.subarray(off, off + take) as Float64Array, at);
        batch.kind.set(kind.subarray(off, off + take) as Uint8Array, at);
        batch.side.set(side.subarray(off, off + take) as Int8Array, at);
        batch.price.set(price.subarray(off, off + take) as Float64Array, at);
        batch.size.set(size.subarray(off, off + take) as Float64Array, at);
        batch.length += take;
        off += take;
        if (batch.length === cap) {
          yield batch;
          batch = nextBatch();
        }
      }
      rowBase += n;
    }
    // A decoding error after the stream has started ends it like the last row would: the bindings
    // give no error then, so the footer's count is what tells a short read from the whole file.
    if (rowBase !== rows) {
      throw new InputError(
        'short-read',
        `DuckDB's stream ended after ${rowBase} of the file's ${rows} rows (a row group it could not decode?)`,
        { file: path, row: rowBase + 1 },
      );
    }
    if (batch.length > 0) yield batch;
  } finally {
    db.close();
  }
}

type Column = Float64Array | Uint8Array | Int8Array;

/** What DuckDB answers; its errors (a corrupt page, a file gone) become InputErrors naming the file. */
async function withFileInErrors<T>(path: string, answer: Promise<T>): Promise<T> {
  try {
    return await answer;
  } catch (err) {
    throw new InputError('unreadable', (err as Error).message.split('\n')[0], { file: path });
  }
}

/** Bytes per value of each selected column: ts_exch, ts_local (DOUBLE), kind, side, price, size. */
const WIDTH = [8, 8, 1, 1, 8, 8];

/** A column's values as the typed array of its type, over the bytes DuckDB holds. */
function viewOf(bytes: Uint8Array, c: number, n: number): Column {
  if (c === 2) return bytes.subarray(0, n);
  if (c === 3) return new Int8Array(bytes.buffer, bytes.byteOffset, n);
  return new Float64Array(bytes.buffer, bytes.byteOffset, n);
}

/**
 * Index of the first NULL among a validity mask's first `n` rows, or -1. DuckDB leaves the mask out
 * when every value is valid (always, for files execsim writes), so this is usually free; a foreign
 * file with NULLs is refused rather than read as zeros.
 */
function firstNull(mask: Uint8Array | null, n: number): number {
  if (mask === null || mask.length === 0) return -1;
  for (let b = 0; b * 8 < n; b++) {
    if (mask[b] === 0xff) continue;
    for (let i = b * 8; i < Math.min(n, b * 8 + 8); i++) if ((mask[b] & (1 << (i & 7))) === 0) return i;
  }
  return -1;
}
