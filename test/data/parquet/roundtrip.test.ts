import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import {
  allocBatch,
  EVENT_COLUMNS,
  type EventBatch,
  type EventFileMeta,
  readEventMeta,
  readEvents,
  SCHEMA_VERSION,
  writeEventFile,
} from '../../../src/data/index.ts';

const meta: EventFileMeta = {
  schemaVersion: SCHEMA_VERSION,
  instrument: { venue: 'test', symbol: 'T', tickSize: '0.01', lotSize: '1' },
  provenance: { source: 'unit test', inputs: [], importer: 'none', findings: { 'uncross-repair': 2 } },
};

function makeRows(n: number, start = 1_723_161_255_030_123): EventBatch {
  const b = allocBatch(n);
  for (let i = 0; i < n; i++) {
    b.tsExch[i] = start + i * 7;
    b.tsLocal[i] = start + i * 7 + 1_500;
    b.kind[i] = (i % 5) + 1;
    b.side[i] = i % 3 === 0 ? -1 : 1;
    b.price[i] = 100 + (i % 97) * 0.01;
    b.size[i] = i % 11;
  }
  b.length = n;
  return b;
}

async function collect(it: AsyncIterable<EventBatch>): Promise<EventBatch[]> {
  const out: EventBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
}

/** The key/value metadata of a valid market-event file, for files made in SQL below. */
const EVENT_KV = `KV_METADATA {"execsim.schema_version": '1', "execsim.instrument": '${JSON.stringify(meta.instrument)}', "execsim.provenance": '${JSON.stringify(meta.provenance)}'}`;

/** Runs `use` on a connection to a fresh in-memory DuckDB, closed after. */
async function withDuckDB<T>(use: (conn: DuckDBConnection) => Promise<T>): Promise<T> {
  const db = await DuckDBInstance.create(':memory:');
  const conn = await db.connect();
  try {
    return await use(conn);
  } finally {
    conn.closeSync();
    db.closeSync();
  }
}

function flat(batches: EventBatch[], key: keyof Omit<EventBatch, 'length' | 'release'>): number[] {
  return batches.flatMap((b) => Array.from(b[key].subarray(0, b.length)));
}

describe('market-event Parquet', () => {
  it('round-trips every column exactly, with metadata, in bounded batches, and again from the cache', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'day.parquet');
    const src = makeRows(10_000);
    const { rows } = await writeEventFile(file, meta, [src]);
    expect(rows).toBe(10_000);
    expect(await readEventMeta(file)).toEqual({ meta, rows: 10_000 });

    const cold = await collect(readEvents(file, { batchRows: 4096, cacheDir: join(dir, 'cache') }));
    expect(cold.map((b) => b.length)).toEqual([4096, 4096, 1808]);
    const warm = await collect(readEvents(file, { cacheDir: join(dir, 'cache') }));
    expect((await readdir(join(dir, 'cache'))).filter((f) => f.endsWith('.arrows'))).toHaveLength(1);
    for (const got of [cold, warm]) {
      for (const key of ['tsExch', 'tsLocal', 'kind', 'side', 'price', 'size'] as const) {
        expect(flat(got, key)).toEqual(Array.from(src[key]));
      }
    }
  });

  it('stores each column as its schema type: times as BIGINT µs', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'day.parquet');
    await writeEventFile(file, meta, [makeRows(3000)]);
    const types = await withDuckDB(async (conn) =>
      (await conn.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${file}')`))
        .getRows()
        .map((r) => [r[0], r[1]]),
    );
    // The schema's types, not those the rows were staged as (times as DOUBLE).
    expect(types).toEqual(EVENT_COLUMNS.map(([name, type]) => [name, type]));
  });

  it('refuses columns of another type, naming each, rather than reading their bytes as numbers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'types.parquet');
    await withDuckDB(async (conn) => {
      await conn.run(
        `COPY (SELECT i::DOUBLE ts_exch, i::BIGINT ts_local, 1::UTINYINT kind, 1::TINYINT side, '100.5' price, ` +
          `1.0::DOUBLE size FROM range(100) t(i)) TO '${file}' (FORMAT parquet, ${EVENT_KV})`,
      );
    });
    const rule =
      /types\.parquet: column-type: .*ts_exch is DOUBLE, not BIGINT; price is VARCHAR, not DOUBLE \(times stored as DOUBLE: import or generate the file again\)$/;
    await expect(readEventMeta(file, { cacheDir: join(dir, 'cache') })).rejects.toThrow(rule);
    await expect(collect(readEvents(file, { cache: false }))).rejects.toThrow(rule);
  });

  it('never serves a stale cache entry for a changed file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'day.parquet');
    const cacheDir = join(dir, 'cache');
    await writeEventFile(file, meta, [makeRows(50)]);
    await collect(readEvents(file, { cacheDir }));
    await writeEventFile(file, meta, [makeRows(60, 5)]);
    const again = await collect(readEvents(file, { cacheDir }));
    expect(again.reduce((s, b) => s + b.length, 0)).toBe(60);
    expect(again[0].tsExch[0]).toBe(5);
  });

  it('leaves no output file when the rows fail part-way', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'bad.parquet');
    async function* failing(): AsyncGenerator<EventBatch> {
      yield makeRows(10);
      throw new Error('source broke');
    }
    await expect(writeEventFile(file, meta, failing())).rejects.toThrow('source broke');
    expect(await readdir(dir)).toEqual([]);
  });

  it('rejects files that are not market-event Parquet with the file and rule', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const txt = join(dir, 'x.parquet');
    await writeFile(txt, 'not parquet');
    await expect(readEventMeta(txt)).rejects.toThrow(/x\.parquet: not-parquet/);
  });

  it('rejects a Parquet file without the event columns, and one of another schema version', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const noSize = join(dir, 'nosize.parquet');
    const v9 = join(dir, 'v9.parquet');
    await withDuckDB(async (conn) => {
      await conn.run(
        `COPY (SELECT 1::BIGINT ts_exch, 1::BIGINT ts_local, 1::UTINYINT kind, 1::TINYINT side, 1.0 price) TO '${noSize}' (FORMAT parquet, KV_METADATA {"execsim.schema_version": '1'})`,
      );
      await conn.run(
        `COPY (SELECT 1::BIGINT ts_exch, 1::BIGINT ts_local, 1::UTINYINT kind, 1::TINYINT side, 1.0 price, 2.0 size) TO '${v9}' (FORMAT parquet, KV_METADATA {"execsim.schema_version": '9'})`,
      );
    });
    await expect(readEventMeta(noSize)).rejects.toThrow(/nosize\.parquet: missing-columns: .*no column size/);
    await expect(readEventMeta(v9)).rejects.toThrow(/v9\.parquet: schema-version: .*version 9/);
    await expect(readEvents(v9, { cache: false })[Symbol.asyncIterator]().next()).rejects.toThrow(
      /schema-version/,
    );
  });

  it('refuses times that are not whole µs, naming the row, and leaves no file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'frac.parquet');
    const rows = makeRows(5000);
    rows.tsLocal[4321] += 0.5;
    await expect(writeEventFile(file, meta, [rows])).rejects.toThrow(
      /frac\.parquet:row 4322: bad-time: .* is not a whole number of µs/,
    );
    expect(await readdir(dir)).toEqual([]);
  });

  it('refuses a NULL in a column, naming the row, instead of reading it as zero', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'nulls.parquet');
    await withDuckDB(async (conn) => {
      await conn.run(
        `COPY (SELECT i::BIGINT ts_exch, i::BIGINT ts_local, 1::UTINYINT kind, 1::TINYINT side, 100.0::DOUBLE price, ` +
          `CASE WHEN i = 3000 THEN NULL ELSE 1.0 END::DOUBLE size FROM range(5000) t(i)) TO '${file}' (FORMAT parquet, ${EVENT_KV})`,
      );
    });
    expect((await readEventMeta(file)).rows).toBe(5000);
    await expect(collect(readEvents(file, { cache: false }))).rejects.toThrow(
      /nulls\.parquet:row 3001: null-value/,
    );
  });

  it('refuses a file DuckDB stops decoding part-way, rather than ending its rows early, and caches none', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-pq-'));
    const file = join(dir, 'corrupt.parquet');
    const cacheDir = join(dir, 'cache');
    const pages = await withDuckDB(async (conn) => {
      // More rows than DuckDB's 64 MB streaming buffer holds, so the bad row group is met after the
      // stream has handed out its first chunks (where the bindings report no error).
      await conn.run(
        `COPY (SELECT i::BIGINT ts_exch, i::BIGINT ts_local, 1::UTINYINT kind, 1::TINYINT side, ` +
          `(100 + hash(i) % 1000 / 100.0)::DOUBLE price, (hash(i * 7) % 50)::DOUBLE size FROM range(3000000) t(i)) ` +
          `TO '${file}' (FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 131072, ${EVENT_KV})`,
      );
      return (
        await conn.runAndReadAll(
          `SELECT data_page_offset FROM parquet_metadata('${file}') WHERE path_in_schema = 'price' ORDER BY row_group_id`,
        )
      ).getRows();
    });
    const bytes = await readFile(file);
    const at = Number(pages[pages.length - 2][0]) + 20;
    for (let i = 0; i < 32; i++) bytes[at + i] ^= 0x5a;
    await writeFile(file, bytes);
    expect((await readEventMeta(file, { cache: false })).rows).toBe(3_000_000);
    await expect(collect(readEvents(file, { cacheDir }))).rejects.toThrow(
      /corrupt\.parquet(:row \d+)?: (short-read|unreadable): /,
    );
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.arrows'))).toEqual([]);
  });
});
