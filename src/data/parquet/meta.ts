import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { InstrumentSpec } from '../../core/index.ts';
import { InputError } from '../../core/index.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { defaultCacheDir } from '../cache/arrow-cache.ts';
import { contentSha256 } from '../cache/content-key.ts';
import { EVENT_COLUMNS, type EventFileMeta, type Provenance, SCHEMA_VERSION } from '../schema.ts';
import { sqlString } from './duckdb.ts';
import { NativeDuckDB } from './native-duckdb.ts';
import type { ReadEventsOptions } from './read-events.ts';

/** Key/value metadata keys of a market-event Parquet file. */
export const META_KEYS = {
  schemaVersion: 'execsim.schema_version',
  instrument: 'execsim.instrument',
  provenance: 'execsim.provenance',
} as const;

/**
 * A market-event file named as it is on disk. DuckDB reads a path as a glob pattern (a star in a
 * folder's place matches), while everything else here (the content hash, the cache) needs the one
 * file named.
 */
export function checkEventFile(path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch {
    throw new InputError('missing-file', 'no such file (name one market-event file; globs are not read)', {
      file: path,
    });
  }
  if (!isFile) throw new InputError('missing-file', 'not a file', { file: path });
}

/**
 * Reads and checks a market-event file's metadata and row count. What a file's bytes were found to
 * hold is kept in the cache folder by their sha256 (`meta/v2-<sha256>.json`), so a command that
 * only plans from it (a sweep's start) does not load DuckDB: about 0.3 s of every start. With
 * `cache: false` the file is read and nothing is kept, as readEvents does. The version names the
 * checks made: v1 entries were kept before column types were checked, and are not trusted.
 */
export async function readEventMeta(
  path: string,
  opts: Pick<ReadEventsOptions, 'cache' | 'cacheDir'> = {},
): Promise<{ meta: EventFileMeta; rows: number }> {
  if (opts.cache === false) return readEventMetaOfFile(path);
  checkEventFile(path); // before its content hash (readEventMetaWith checks on the DuckDB path)
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  let memo: string | undefined;
  try {
    memo = join(cacheDir, 'meta', `v2-${await contentSha256(path, cacheDir)}.json`);
    const kept = JSON.parse(await readFile(memo, 'utf8')) as { meta?: EventFileMeta; rows?: number };
    if (kept.meta?.schemaVersion === SCHEMA_VERSION && typeof kept.rows === 'number') {
      return { meta: kept.meta, rows: kept.rows };
    }
  } catch {
    // none kept yet, or no file to hash (DuckDB's read below says what is wrong)
  }
  const found = await readEventMetaOfFile(path);
  if (memo !== undefined) {
    try {
      await writeFileAtomic(memo, `${JSON.stringify(found)}\n`);
    } catch {
      // a cache folder we cannot write to only costs the next start a DuckDB read
    }
  }
  return found;
}

/** readEventMeta from the file itself, through DuckDB. */
async function readEventMetaOfFile(path: string): Promise<{ meta: EventFileMeta; rows: number }> {
  const db = await NativeDuckDB.open();
  try {
    return await readEventMetaWith(db, path);
  } finally {
    db.close();
  }
}

/** `readEventMeta` on a database the caller holds open. */
export async function readEventMetaWith(
  db: NativeDuckDB,
  path: string,
): Promise<{ meta: EventFileMeta; rows: number }> {
  checkEventFile(path);
  let kvRows: (string | null)[][];
  let columnRows: (string | null)[][];
  try {
    kvRows = await db.textRows(`SELECT key, value FROM parquet_kv_metadata(${sqlString(path)})`);
    // The file's columns with the types DuckDB reads them as: what is missing, and what the reader
    // would misread.
    columnRows = await db.textRows(
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_parquet(${sqlString(path)}))`,
    );
  } catch (err) {
    throw new InputError('not-parquet', `cannot read as Parquet: ${(err as Error).message.split('\n')[0]}`, {
      file: path,
    });
  }
  const types = new Map(columnRows.map(([name, type]) => [String(name), String(type)]));
  const missing = EVENT_COLUMNS.map(([n]) => n).filter((n) => !types.has(n));
  if (missing.length > 0) {
    throw new InputError('missing-columns', `not a market-event file: no column ${missing.join(', ')}`, {
      file: path,
    });
  }
  const kv = new Map<string, string>();
  for (const [k, v] of kvRows) if (k !== null && v !== null) kv.set(k, v);
  const version = kv.get(META_KEYS.schemaVersion);
  if (version !== SCHEMA_VERSION) {
    throw new InputError(
      'schema-version',
      `market-event schema version ${version ?? '(none)'} is not the supported ${SCHEMA_VERSION}`,
      { file: path },
    );
  }
  checkColumnTypes(types, path);
  const meta: EventFileMeta = {
    schemaVersion: version,
    instrument: parseJson<InstrumentSpec>(kv.get(META_KEYS.instrument), 'instrument', path),
    provenance: parseJson<Provenance>(kv.get(META_KEYS.provenance), 'provenance', path),
  };
  const count = await db.textRows(`SELECT count(*)::VARCHAR FROM read_parquet(${sqlString(path)})`);
  return { meta, rows: Number(count[0][0]) };
}

/**
 * The reader copies each column's bytes as the schema's type, so a kind, side, price or size of
 * another type (a price as VARCHAR) would be read as other numbers, and times of another type
 * (DOUBLE, TIMESTAMP) were never checked to be whole µs. All are refused here.
 */
function checkColumnTypes(types: ReadonlyMap<string, string>, path: string): void {
  const wrong = EVENT_COLUMNS.filter(([n, type]) => types.get(n) !== type);
  if (wrong.length === 0) return;
  // execsim's writer stored times as DOUBLE for a while: such files are made again from their source.
  const hint = wrong.some(([n, type]) => type === 'BIGINT' && types.get(n) === 'DOUBLE')
    ? ' (times stored as DOUBLE: import or generate the file again)'
    : '';
  const named = wrong.map(([n, type]) => `${n} is ${types.get(n)}, not ${type}`).join('; ');
  throw new InputError('column-type', `market-event columns have the wrong type: ${named}${hint}`, {
    file: path,
  });
}

function parseJson<T>(value: string | undefined, what: string, file: string): T {
  if (value === undefined)
    throw new InputError('missing-metadata', `no ${what} in the file's metadata`, { file });
  try {
    return JSON.parse(value) as T;
  } catch {
    throw new InputError('bad-metadata', `the ${what} metadata is not JSON`, { file });
  }
}
