import type { DuckDBVector } from '@duckdb/node-api';
import { InputError } from '../../core/index.ts';
import { allocBatch, type EventBatch } from '../schema.ts';
import { openDuckDB, sqlString } from './duckdb.ts';
import { readEventMetaWith } from './meta.ts';

export interface ReadOptions {
  /** Rows per batch handed out (default 65,536). Memory stays bounded by a few batches. */
  batchRows?: number;
}

const DEFAULT_BATCH_ROWS = 65_536;
/** Decoded rows DuckDB may hold ahead of the reader: ~2 M rows of the market-event table. */
const STREAMING_BUFFER = '64MB';
const ALL_VALID = 0xffff_ffff_ffff_ffffn;

/**
 * Streams a market-event file as struct-of-typed-array batches, in file order, with memory bounded
 * by the batch size whatever the file length. Each yielded batch is fresh: callers may keep it.
 */
export async function* readParquetEvents(path: string, opts: ReadOptions = {}): AsyncGenerator<EventBatch> {
  const cap = opts.batchRows ?? DEFAULT_BATCH_ROWS;
  const db = await openDuckDB();
  try {
    await readEventMetaWith(db.conn, path); // checks the schema first, with a clear error
    // DuckDB decodes ahead into this buffer on its own threads while the caller works on earlier
    // batches; with the default (~1 MB) its threads wait on every fetch, and a full simulation
    // reads at about half the rate (bench/reader.ts measures both).
    await db.conn.run(`SET streaming_buffer_size = '${STREAMING_BUFFER}'`);
    const result = await db.conn.stream(
      // Times come out as DOUBLE (exact µs below 2^53): DuckDB converts them in native code, so
      // every column is a block copy here instead of one BigInt per cell.
      `SELECT ts_exch::DOUBLE, ts_local::DOUBLE, kind, side, price, size FROM read_parquet(${sqlString(path)})`,
    );
    let batch = allocBatch(cap);
    let rowBase = 0;
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      const n = chunk.rowCount;
      const vectors = [0, 1, 2, 3, 4, 5].map((c) => chunk.getColumnVector(c));
      for (const v of vectors) {
        const nullAt = firstNull(v, n);
        if (nullAt >= 0) {
          throw new InputError('null-value', 'market-event columns hold no NULLs', {
            file: path,
            row: rowBase + nullAt + 1,
          });
        }
      }
      const [tsExch, tsLocal, kind, side, price, size] = vectors.map(items);
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
          batch = allocBatch(cap);
        }
      }
      rowBase += n;
    }
    if (batch.length > 0) yield batch;
  } finally {
    db.close();
  }
}

type Column = Float64Array | Uint8Array | Int8Array;

/**
 * Index of the first NULL among the vector's first `n` values, or -1. DuckDB leaves the validity
 * mask out when every value is valid (always, for files execsim writes), so this is usually free;
 * a foreign file with NULLs is refused rather than read as zeros.
 */
function firstNull(vector: DuckDBVector, n: number): number {
  const validity: unknown = Reflect.get(vector, 'validity');
  const mask: unknown = validity && typeof validity === 'object' ? Reflect.get(validity, 'data') : null;
  if (!(mask instanceof BigUint64Array)) {
    if (mask === null || mask === undefined) return -1;
    for (let i = 0; i < n; i++) if (vector.getItem(i) === null) return i;
    return -1;
  }
  for (let w = 0; w * 64 < n; w++) {
    if (mask[w] === ALL_VALID && (w + 1) * 64 <= n) continue;
    for (let i = w * 64; i < Math.min(n, (w + 1) * 64); i++) {
      if (((mask[w] >> BigInt(i & 63)) & 1n) === 0n) return i;
    }
  }
  return -1;
}

/**
 * The vector's values as the typed array DuckDB filled. The node API keeps it in a private
 * `items` field; reading it avoids one JS value per cell. Falls back to per-item reads if the
 * field is ever absent.
 */
function items(vector: DuckDBVector): Column {
  const raw: unknown = Reflect.get(vector, 'items');
  if (raw instanceof Float64Array || raw instanceof Uint8Array || raw instanceof Int8Array) {
    return raw;
  }
  const out = new Float64Array(vector.itemCount);
  for (let i = 0; i < out.length; i++) out[i] = Number(vector.getItem(i));
  return out;
}
