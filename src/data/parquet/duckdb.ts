import type { DuckDBConnection } from '@duckdb/node-api';

/**
 * DuckDB's threads, in every database execsim opens: two match the machines execsim targets and
 * leave a core for the simulation loop when a reader streams ahead of it.
 */
export const DUCKDB_THREADS = '2';

/**
 * One DuckDB connection per call site, in memory unless a path is given (the writer stages rows in a
 * temporary database file so memory stays bounded). DuckDB does the Parquet encoding and decoding.
 */
export async function openDuckDB(
  path = ':memory:',
  options: Record<string, string> = {},
): Promise<{ conn: DuckDBConnection; close: () => void }> {
  // Loaded on first use: a sweep's worker threads read kept rows or the Arrow cache, and loading
  // node-api's JavaScript costs each of them 0.1–0.3 s.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(path, { threads: DUCKDB_THREADS, ...options });
  const conn = await instance.connect();
  return {
    conn,
    close: () => {
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** SQL string literal, quotes doubled: paths and metadata values are embedded, never interpolated raw. */
export function sqlString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}
