import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';

/**
 * One in-memory DuckDB connection per call site. DuckDB does the Parquet encoding and decoding; no
 * database file is ever created. Two threads match the machines execsim targets and leave a core
 * for the simulation loop when a reader streams ahead of it.
 */
export async function openDuckDB(): Promise<{ conn: DuckDBConnection; close: () => void }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
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
