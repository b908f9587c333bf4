import { statSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { DuckDBDataChunk, DuckDBVector } from '@duckdb/node-api';
import { InputError } from '../../core/index.ts';
import { tempPath } from '../atomic-write.ts';
import { EVENT_COLUMNS, type EventBatch, type EventFileMeta, SCHEMA_VERSION } from '../schema.ts';
import { openDuckDB, sqlString } from './duckdb.ts';
import { META_KEYS } from './meta.ts';

/** Rows per Parquet row group: big enough for ZSTD to work well, small enough to stream. */
const ROW_GROUP_ROWS = 131_072;
/** DuckDB's vector size: the most rows one data chunk holds. */
const CHUNK_ROWS = 2048;
const STAGED_TYPES: Record<string, string> = { ts_exch: 'DOUBLE', ts_local: 'DOUBLE' };

/**
 * Writes market-event rows, in the order given, to a ZSTD Parquet file with the instrument, the
 * provenance and the schema version in its key/value metadata. The metadata is serialised after the
 * last batch is consumed, so findings counted while the rows stream are complete. Atomic: the rows go
 * to a temporary file beside `path`, renamed into place only when everything succeeded.
 */
export async function writeEventFile(
  path: string,
  meta: EventFileMeta,
  batches: Iterable<EventBatch> | AsyncIterable<EventBatch>,
): Promise<{ rows: number }> {
  // Refused before any row is staged: the rename at the end would fail only after all the work.
  if (statSync(path, { throwIfNoEntry: false })?.isDirectory()) {
    throw new InputError('bad-out', 'is a folder; name the Parquet file to write', { file: path });
  }
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  // Rows are staged in a temporary database file beside the output, not in memory, so a 27.5 M-row
  // day is written with the same few hundred MB as a short one.
  const staging = tempPath(path, 'duckdb');
  const db = await openDuckDB(staging, { memory_limit: '256MB', preserve_insertion_order: 'true' });
  try {
    // Times are staged as DOUBLE so every column is a block copy into DuckDB's vectors; the COPY
    // below casts them back to BIGINT after each chunk was checked to hold whole µs.
    const cols = EVENT_COLUMNS.map(([name, type]) => `${name} ${STAGED_TYPES[name] ?? type} NOT NULL`).join(
      ', ',
    );
    await db.conn.run(`CREATE TABLE events (${cols})`);
    const app = await db.conn.createAppender('events');
    // One chunk, reused: chunks live in native memory that the JS garbage collector does not see,
    // so a new chunk per 2048 rows let the process grow with the file.
    const { DOUBLE, DuckDBDataChunk, TINYINT, UTINYINT } = await import('@duckdb/node-api');
    const chunk = DuckDBDataChunk.create([DOUBLE, DOUBLE, UTINYINT, TINYINT, DOUBLE, DOUBLE], CHUNK_ROWS);
    let rows = 0;
    for await (const b of batches) {
      for (let off = 0; off < b.length; off += CHUNK_ROWS) {
        const n = Math.min(CHUNK_ROWS, b.length - off);
        checkWholeMicros(b, off, n, rows + off, path);
        chunk.rowCount = n;
        fill(chunk, 0, b.tsExch.subarray(off, off + n));
        fill(chunk, 1, b.tsLocal.subarray(off, off + n));
        fill(chunk, 2, b.kind.subarray(off, off + n));
        fill(chunk, 3, b.side.subarray(off, off + n));
        fill(chunk, 4, b.price.subarray(off, off + n));
        fill(chunk, 5, b.size.subarray(off, off + n));
        app.appendDataChunk(chunk);
      }
      rows += b.length;
    }
    app.flushSync();
    app.closeSync();
    const kv = [
      [META_KEYS.schemaVersion, meta.schemaVersion || SCHEMA_VERSION],
      [META_KEYS.instrument, JSON.stringify(meta.instrument)],
      [META_KEYS.provenance, JSON.stringify(meta.provenance)],
    ]
      .map(([k, v]) => `"${k}": ${sqlString(v)}`)
      .join(', ');
    // rowid order is append order: ORDER BY keeps the replay order explicit in the plan. Each column
    // is cast to its schema type, which puts the staged DOUBLE times back to BIGINT.
    const select = EVENT_COLUMNS.map(([name, type]) => `${name}::${type} AS ${name}`).join(', ');
    await db.conn.run(
      `COPY (SELECT ${select} FROM events ORDER BY rowid) TO ${sqlString(tmp)} ` +
        `(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE ${ROW_GROUP_ROWS}, KV_METADATA {${kv}})`,
    );
    db.close();
    await removeStaging(staging);
    await rename(tmp, path);
    return { rows };
  } catch (err) {
    try {
      db.close();
    } catch {
      // already closed
    }
    await rm(tmp, { force: true });
    await removeStaging(staging);
    throw err;
  }
}

async function removeStaging(file: string): Promise<void> {
  await rm(file, { force: true });
  await rm(`${file}.wal`, { force: true });
  await rm(`${file}.tmp`, { force: true, recursive: true });
}

/** Times must be whole µs: the BIGINT cast would otherwise round them silently. */
function checkWholeMicros(b: EventBatch, off: number, n: number, rowBase: number, file: string): void {
  for (let i = off; i < off + n; i++) {
    const e = b.tsExch[i];
    const l = b.tsLocal[i];
    if (!Number.isSafeInteger(e) || !Number.isSafeInteger(l)) {
      throw new InputError('bad-time', `ts_exch ${e} / ts_local ${l} is not a whole number of µs`, {
        file,
        row: rowBase + (i - off) + 1,
      });
    }
  }
}

/**
 * Copies a column into a chunk's vector: the vector's typed array (a private `items` field of the
 * node API) is filled in one block, then flushed to DuckDB's memory. Columns are NOT NULL, so the
 * validity mask is left all-valid.
 */
function fill(chunk: DuckDBDataChunk, column: number, values: Float64Array | Uint8Array | Int8Array): void {
  const vector: DuckDBVector = chunk.getColumnVector(column);
  const items: unknown = Reflect.get(vector, 'items');
  if (
    (items instanceof Float64Array && values instanceof Float64Array) ||
    (items instanceof Uint8Array && values instanceof Uint8Array) ||
    (items instanceof Int8Array && values instanceof Int8Array)
  ) {
    items.set(values as never);
    vector.flush();
    return;
  }
  chunk.setColumnValues(column, Array.from(values));
}
