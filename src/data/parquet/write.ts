import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { EVENT_COLUMNS, type EventBatch, type EventFileMeta, SCHEMA_VERSION } from '../schema.ts';
import { openDuckDB, sqlString } from './duckdb.ts';
import { META_KEYS } from './meta.ts';

/** Rows per Parquet row group: big enough for ZSTD to work well, small enough to stream. */
const ROW_GROUP_ROWS = 131_072;

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
  await mkdir(dirname(path), { recursive: true });
  const stem = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}`);
  const tmp = `${stem}.tmp`;
  // Rows are staged in a temporary database file beside the output, not in memory, so a 27.5 M-row
  // day is written with the same few hundred MB as a short one.
  const staging = `${stem}.duckdb`;
  const db = await openDuckDB(staging, { memory_limit: '256MB', preserve_insertion_order: 'true' });
  try {
    const cols = EVENT_COLUMNS.map(([name, type]) => `${name} ${type} NOT NULL`).join(', ');
    await db.conn.run(`CREATE TABLE events (${cols})`);
    const app = await db.conn.createAppender('events');
    let rows = 0;
    for await (const b of batches) {
      for (let i = 0; i < b.length; i++) {
        app.appendBigInt(BigInt(b.tsExch[i]));
        app.appendBigInt(BigInt(b.tsLocal[i]));
        app.appendUTinyInt(b.kind[i]);
        app.appendTinyInt(b.side[i]);
        app.appendDouble(b.price[i]);
        app.appendDouble(b.size[i]);
        app.endRow();
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
    // rowid order is append order: ORDER BY keeps the replay order explicit in the plan.
    await db.conn.run(
      `COPY (SELECT * FROM events ORDER BY rowid) TO ${sqlString(tmp)} ` +
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
