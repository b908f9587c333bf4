/**
 * Decode peers on one subset: execsim's reader (DuckDB chunks → typed arrays) vs hyparquet (pure JS,
 * column chunks) vs parquetjs-lite (the design's original choice, row cursor). The subset is written
 * with SNAPPY and v1 pages because parquetjs-lite cannot read ZSTD or v2 pages.
 * Run: npx tsx bench/decode-peers.ts [rows=100000]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetRead } from 'hyparquet';
import parquet from 'parquetjs-lite';
import { generateEvents, readEvents, SYNTHETIC_INSTRUMENT, writeEventFile } from '../src/data/index.ts';
import { emit, figure } from './lib/figures.ts';

const rows = Number(process.argv[2] ?? 100_000);
const dir = join(tmpdir(), 'execsim-bench');
mkdirSync(dir, { recursive: true });
const zstd = join(dir, `peers-${rows}.parquet`);
const snappy = join(dir, `peers-${rows}-snappy.parquet`);
await writeEventFile(
  zstd,
  {
    schemaVersion: '1',
    instrument: SYNTHETIC_INSTRUMENT,
    provenance: { source: 'synthetic', inputs: [], importer: 'generate', findings: {} },
  },
  generateEvents({ events: rows, seed: 'peers' }),
);
{
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  await c.run(
    `COPY (SELECT * FROM read_parquet('${zstd}')) TO '${snappy}' (FORMAT parquet, COMPRESSION snappy, PARQUET_VERSION V1, KV_METADATA {"execsim.schema_version": '1', "execsim.instrument": '${JSON.stringify(SYNTHETIC_INSTRUMENT)}', "execsim.provenance": '{"source":"synthetic","inputs":[],"importer":"generate","findings":{}}'})`,
  );
  c.closeSync();
}

/** Rows per second of the best of `reps` reads. */
async function time(fn: () => Promise<number>, reps = 3): Promise<number> {
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const t0 = process.hrtime.bigint();
    const n = await fn();
    if (n !== rows) throw new Error(`read ${n} rows, expected ${rows}`);
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
  }
  return rows / best;
}

const execsim = await time(async () => {
  let n = 0;
  for await (const b of readEvents(snappy, { cache: false })) n += b.length;
  return n;
});
const hyp = await time(async () => {
  const buf = readFileSync(snappy);
  const file = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
  let n = 0;
  await parquetRead({
    file,
    columns: ['ts_exch', 'ts_local', 'kind', 'side', 'price', 'size'],
    onChunk: (chunk: { columnName: string; rowStart: number; rowEnd: number }) => {
      if (chunk.columnName === 'price') n += chunk.rowEnd - chunk.rowStart;
    },
  });
  return n;
});
let lite = Number.NaN;
let liteNote = '';
try {
  lite = await time(async () => {
    const reader = await parquet.ParquetReader.openFile(snappy);
    const cursor = reader.getCursor();
    let n = 0;
    while (await cursor.next()) n++;
    await reader.close();
    return n;
    // One read: at ~10 k rows/s each takes ~10 s, and its ratio to the others (~300×) does not
    // hang on a second.
  }, 1);
} catch (err) {
  liteNote = (err as Error).message.split('\n')[0];
}
const base = { name: 'execsim reader, same file', value: execsim };
const figures = [
  figure('peers.execsim.rows_per_s', execsim, 'rows/s'),
  figure('peers.hyparquet.rows_per_s', hyp, 'rows/s', base),
];
if (Number.isFinite(lite)) figures.push(figure('peers.parquetjs_lite.rows_per_s', lite, 'rows/s', base));
else
  figures.push({
    name: 'peers.parquetjs_lite.rows_per_s',
    value: 0,
    unit: 'rows/s',
    note: `failed: ${liteNote}`,
  });
emit(figures);
