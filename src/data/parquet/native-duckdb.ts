import type { Connection, Database, DataChunk, Result } from '@duckdb/node-bindings';
import { DUCKDB_THREADS } from './duckdb.ts';

type Bindings = typeof import('@duckdb/node-bindings');

/** Bytes of one duckdb_string_t: a length, then 12 inline bytes or a 4-byte prefix and a pointer. */
const STRING_T = 16;
const INLINE_MAX = 12;

const utf8 = new TextDecoder();

/**
 * A DuckDB connection straight on @duckdb/node-bindings, for the reader's path: loading node-api's
 * JavaScript costs a process 0.1–0.2 s here (measured on a 2-core VM), as long as decoding a
 * million rows, and a read needs only a query, a few text rows and a stream of chunks. The
 * bindings copy what they hand out (vector data and masks arrive as new buffers), so nothing read
 * depends on a chunk staying alive; a long string's bytes are fetched by pointer while its chunk is
 * still held. One connection runs one statement at a time: a query run while a stream is open
 * ends that stream, so callers read a stream to its end before anything else.
 */
export class NativeDuckDB {
  private constructor(
    readonly bindings: Bindings,
    private readonly db: Database,
    private readonly conn: Connection,
  ) {}

  /** An in-memory database with the threads every DuckDB of execsim gets (see duckdb.ts). */
  static async open(): Promise<NativeDuckDB> {
    const { default: bindings } = await import('@duckdb/node-bindings');
    const config = bindings.create_config();
    bindings.set_config(config, 'threads', DUCKDB_THREADS);
    const db = await bindings.open(':memory:', config);
    try {
      return new NativeDuckDB(bindings, db, await bindings.connect(db));
    } catch (err) {
      bindings.close_sync(db);
      throw err;
    }
  }

  /** Runs one statement; its result is the caller's to read or drop. */
  run(sql: string): Promise<Result> {
    return this.bindings.query(this.conn, sql);
  }

  /** Runs one query and streams its result: DuckDB's threads decode ahead into its streaming buffer. */
  async stream(sql: string): Promise<Result> {
    const prepared = await this.bindings.prepare(this.conn, sql);
    try {
      return await this.bindings.execute_prepared_streaming(prepared);
    } finally {
      this.bindings.destroy_prepare_sync(prepared);
    }
  }

  /** A result's chunks with their row counts, to its end (an empty chunk ends a stream too). */
  async *chunks(result: Result): AsyncGenerator<{ chunk: DataChunk; n: number }> {
    for (;;) {
      const chunk = await this.bindings.fetch_chunk(result);
      if (chunk === null) return;
      const n = this.bindings.data_chunk_get_size(chunk);
      if (n === 0) return;
      yield { chunk, n };
    }
  }

  /** Every row of a query whose columns are all VARCHAR or BLOB, as text (NULL as null). */
  async textRows(sql: string): Promise<(string | null)[][]> {
    const rows: (string | null)[][] = [];
    for await (const { chunk, n } of this.chunks(await this.run(sql))) {
      const columns = this.textColumns(chunk, n, sql);
      for (let r = 0; r < n; r++) rows.push(columns.map((col) => col[r]));
    }
    return rows;
  }

  close(): void {
    this.bindings.disconnect_sync(this.conn);
    this.bindings.close_sync(this.db);
  }

  private textColumns(chunk: DataChunk, n: number, sql: string): (string | null)[][] {
    const b = this.bindings;
    const columns: (string | null)[][] = [];
    for (let c = 0; c < b.data_chunk_get_column_count(chunk); c++) {
      const vector = b.data_chunk_get_vector(chunk, c);
      const type = b.get_type_id(b.vector_get_column_type(vector));
      if (type !== b.Type.VARCHAR && type !== b.Type.BLOB) {
        throw new Error(`textRows: column ${c} of ${sql} is DuckDB type ${type}, not VARCHAR or BLOB`);
      }
      const data = b.vector_get_data(vector, n * STRING_T);
      // The bindings' buffers are plain ArrayBuffers (never shared).
      const buffer = data.buffer as ArrayBuffer;
      // DuckDB leaves the mask out (empty or null here) when every value is valid.
      const validity: Uint8Array | null = b.vector_get_validity(vector, 8 * Math.ceil(n / 64));
      const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
      const values: (string | null)[] = [];
      for (let r = 0; r < n; r++) {
        if (validity !== null && validity.length > 0 && (validity[r >> 3] & (1 << (r & 7))) === 0) {
          values.push(null);
          continue;
        }
        const at = r * STRING_T;
        const length = view.getUint32(at, true);
        const bytes =
          length <= INLINE_MAX
            ? new Uint8Array(buffer, data.byteOffset + at + 4, length)
            : b.get_data_from_pointer(buffer, data.byteOffset + at + 8, length);
        values.push(utf8.decode(bytes));
      }
      columns.push(values);
    }
    return columns;
  }
}
