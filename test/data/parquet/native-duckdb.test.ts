import { describe, expect, it } from 'vitest';
import { NativeDuckDB } from '../../../src/data/parquet/native-duckdb.ts';

describe('NativeDuckDB', () => {
  it('reads text rows: inline and long strings, BLOBs as UTF-8, NULLs, across chunks', async () => {
    const db = await NativeDuckDB.open();
    try {
      const rows = await db.textRows(
        `SELECT CASE WHEN i % 3 = 0 THEN NULL ELSE 'row ' || i || repeat('é', i % 7) END, ` +
          `encode('µs-' || i) FROM range(5000) t(i) ORDER BY i`,
      );
      expect(rows).toHaveLength(5000);
      expect(rows[0]).toEqual([null, 'µs-0']);
      expect(rows[4]).toEqual(['row 4éééé', 'µs-4']);
      expect(rows[4999]).toEqual([`row 4999${'é'.repeat(4999 % 7)}`, 'µs-4999']);
      expect(rows.filter((r) => r[0] === null)).toHaveLength(1667);
    } finally {
      db.close();
    }
  });

  it('refuses a column that is not text instead of reading its bytes as strings', async () => {
    const db = await NativeDuckDB.open();
    try {
      await expect(db.textRows('SELECT 1::BIGINT')).rejects.toThrow(/column 0 .* not VARCHAR or BLOB/);
    } finally {
      db.close();
    }
  });

  it('streams a query in chunks of DuckDB vectors, to its end', async () => {
    const db = await NativeDuckDB.open();
    try {
      const result = await db.stream('SELECT i::DOUBLE FROM range(10000) t(i)');
      let rows = 0;
      let sum = 0;
      for await (const { chunk, n } of db.chunks(result)) {
        const data = db.bindings.vector_get_data(db.bindings.data_chunk_get_vector(chunk, 0), n * 8);
        for (const v of new Float64Array(data.buffer, data.byteOffset, n)) sum += v;
        rows += n;
      }
      expect([rows, sum]).toEqual([10000, (9999 * 10000) / 2]);
    } finally {
      db.close();
    }
  });
});
