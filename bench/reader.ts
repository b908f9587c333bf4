/**
 * Reader throughput on a generated 5 M-row day: execsim's Parquet reader into typed-array batches
 * (cold), the same rows from the Arrow IPC cache (warm), and DuckDB's bare streaming read of the
 * same file (the floor: the same query and streaming buffer as the reader, chunks fetched and each
 * column's data reached, nothing copied); also the bare read with DuckDB's default buffer through
 * node-api, for reference; and, for the warm read, the cache entry's bytes read from the page
 * cache into one reused buffer, nothing decoded. Each measurement runs in its own process so peak
 * RSS belongs to it alone; medians of several runs are reported, and each ratio to a floor is the
 * median of back-to-back pairs (which of the two goes first alternates), which one phase of the
 * machine's speed hits alike.
 *
 *   npx tsx bench/reader.ts [--rows 5000000] [--runs 3] [--json]
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, readSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import {
  generateEvents,
  readEvents,
  SCHEMA_VERSION,
  SYNTHETIC_INSTRUMENT,
  writeEventFile,
} from '../src/data/index.ts';
import { DUCKDB_THREADS } from '../src/data/parquet/duckdb.ts';
import { NativeDuckDB } from '../src/data/parquet/native-duckdb.ts';
import { STREAMING_BUFFER } from '../src/data/parquet/read.ts';
import { readableEventFile } from './lib/event-file.ts';
import { type Figure, figure, median } from './lib/figures.ts';

type Mode = 'cold' | 'warm' | 'duckdb' | 'duckdb-default' | 'file';

interface Sample {
  rows: number;
  seconds: number;
  peakRssMb: number;
  checksum: number;
}

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : fallback;
}

/** One measurement, in this process. The checksum makes every mode read a value of each batch. */
async function measure(mode: Mode, file: string, cacheDir: string): Promise<Sample> {
  const t0 = process.hrtime.bigint();
  let rows = 0;
  let checksum = 0;
  if (mode === 'duckdb') {
    const db = await NativeDuckDB.open();
    await db.run(`SET streaming_buffer_size = '${STREAMING_BUFFER}'`);
    const raw = await db.stream(
      `SELECT ts_exch::DOUBLE, ts_local::DOUBLE, kind, side, price, size FROM read_parquet('${file.replaceAll("'", "''")}')`,
    );
    for await (const { chunk, n } of db.chunks(raw)) {
      for (let c = 0; c < 6; c++) {
        const data = db.bindings.vector_get_data(
          db.bindings.data_chunk_get_vector(chunk, c),
          n * (c === 2 || c === 3 ? 1 : 8),
        );
        if (c === 4) checksum += new Float64Array(data.buffer, data.byteOffset, 1)[0];
      }
      rows += n;
    }
    db.close();
  } else if (mode === 'duckdb-default') {
    const db = await DuckDBInstance.create(':memory:', { threads: DUCKDB_THREADS });
    const conn = await db.connect();
    const result = await conn.stream(
      `SELECT ts_exch, ts_local, kind, side, price, size FROM read_parquet('${file.replaceAll("'", "''")}')`,
    );
    for (;;) {
      const chunk = await result.fetchChunk();
      if (!chunk || chunk.rowCount === 0) break;
      for (let c = 0; c < 6; c++) chunk.getColumnVector(c);
      const price = chunk.getColumnVector(4);
      checksum += price.getItem(0) as number;
      rows += chunk.rowCount;
    }
    conn.closeSync();
    db.closeSync();
  } else if (mode === 'file') {
    // Bytes only, in buffers of about a batch's body (the warm read reuses one per batch); the rows
    // are the cache entry's, which the warm mode counts, so the bytes read are checked instead.
    const entry = readdirSync(cacheDir).find((f) => f.endsWith('.arrows'));
    if (entry === undefined) throw new Error(`no cache entry in ${cacheDir}`);
    const path = join(cacheDir, entry);
    const fd = openSync(path, 'r');
    const buf = Buffer.allocUnsafeSlow(2 << 20);
    let bytes = 0;
    for (let n = readSync(fd, buf, 0, buf.length, null); n > 0; n = readSync(fd, buf, 0, buf.length, null)) {
      checksum += buf[0];
      bytes += n;
    }
    closeSync(fd);
    if (bytes !== statSync(path).size)
      throw new Error(`read ${bytes} of ${path}'s ${statSync(path).size} bytes`);
  } else {
    for await (const b of readEvents(file, { cache: mode === 'warm', cacheDir })) {
      checksum += b.price[0];
      rows += b.length;
      // Handed back as the kernel does once it has passed a batch, so its memory can be reused.
      b.release?.();
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  return { rows, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024, checksum };
}

function child(mode: Mode, file: string, cacheDir: string): Sample {
  const r = spawnSync(
    process.execPath,
    [
      '--import',
      'tsx',
      new URL(import.meta.url).pathname,
      '--child',
      mode,
      '--file',
      file,
      '--cache-dir',
      cacheDir,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`bench child ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) as string) as Sample;
}

async function main(): Promise<void> {
  if (process.argv.includes('--child')) {
    const sample = await measure(arg('child', 'cold') as Mode, arg('file', ''), arg('cache-dir', ''));
    process.stdout.write(`${JSON.stringify(sample)}\n`);
    return;
  }
  const rows = Number(arg('rows', '5000000'));
  const runs = Number(arg('runs', '3'));
  const dataDir = process.env.EXECSIM_BENCH_DIR ?? join('.cache', 'execsim', 'bench');
  const file = join(dataDir, `synthetic-${rows}-seed1.parquet`);
  if (!(await readableEventFile(file))) {
    process.stderr.write(`generating ${file} ...\n`);
    await writeEventFile(
      file,
      {
        schemaVersion: SCHEMA_VERSION,
        instrument: SYNTHETIC_INSTRUMENT,
        provenance: {
          source: 'synthetic',
          inputs: [],
          importer: 'bench/reader.ts',
          findings: {},
          notes: 'seed 1',
        },
      },
      generateEvents({ events: rows, seed: 1 }),
    );
  }
  const cacheDir = mkdtempSync(join(tmpdir(), 'execsim-bench-cache-'));
  try {
    child('warm', file, cacheDir); // fills the cache
    // Each reader beside its floor, so that a pair's ratio sees one phase of the machine; which of
    // the two goes first alternates from run to run.
    const modes = ['duckdb', 'cold', 'duckdb-default', 'file', 'warm'] as const;
    const inRun = (i: number) =>
      i % 2 === 0 ? modes : (['cold', 'duckdb', 'duckdb-default', 'warm', 'file'] as const);
    const results: Record<Mode, Sample[]> = {
      cold: [],
      warm: [],
      duckdb: [],
      'duckdb-default': [],
      file: [],
    };
    for (let i = 0; i < runs; i++) {
      for (const mode of inRun(i)) {
        const sample = child(mode, file, cacheDir);
        results[mode].push(mode === 'file' ? { ...sample, rows } : sample);
      }
    }
    for (const mode of modes) {
      const wrong = results[mode].find((s) => s.rows !== rows);
      if (wrong) throw new Error(`${mode} read ${wrong.rows} rows, expected ${rows}`);
    }
    const rate = (m: Mode) => median(results[m].map((s) => s.rows / s.seconds));
    const rss = (m: Mode) => median(results[m].map((s) => s.peakRssMb));
    /** How many times slower `m` ran than `floor`: the median over the runs of each pair's ratio. */
    const slower = (m: Mode, floor: Mode) =>
      median(results[m].map((s, i) => s.seconds / results[floor][i].seconds));
    const machine = {
      cpu: cpus()[0]?.model ?? 'unknown',
      cores: cpus().length,
      memoryGb: Math.round(totalmem() / 2 ** 30),
      node: process.version,
    };
    const floor = { name: 'DuckDB bare stream, same query and buffer', value: rate('duckdb') };
    const figures: Figure[] = [
      figure('reader.rows_per_s', rate('cold'), 'rows/s', floor),
      // How many times slower than the floor; the target is at most 1.25.
      figure('reader.vs_duckdb_ratio', slower('cold', 'duckdb'), '×', { name: 'target', value: 1.25 }),
      figure('cache.rows_per_s', rate('warm'), 'rows/s', { name: 'target', value: 50e6 }),
      // The warm read against a reference, the same bytes copied from the page cache: how many times
      // slower (1 = as fast as reading the file; below 1 when the warm read beat it).
      figure('cache.vs_file_read_ratio', slower('warm', 'file'), '×'),
      figure('cache.file_read.rows_per_s', rate('file'), 'rows/s'),
      figure('duckdb.rows_per_s', rate('duckdb'), 'rows/s'),
      figure('duckdb.default_buffer.rows_per_s', rate('duckdb-default'), 'rows/s', floor),
      figure('reader.peak_rss_mb', rss('cold'), 'MB', { name: 'DuckDB bare stream', value: rss('duckdb') }),
      figure('cache.peak_rss_mb', rss('warm'), 'MB'),
      figure('duckdb.peak_rss_mb', rss('duckdb'), 'MB'),
    ];
    if (process.argv.includes('--json')) {
      process.stdout.write(`${JSON.stringify({ machine, rows, runs, figures })}\n`);
      return;
    }
    process.stdout.write(
      `reader bench: ${rows} rows, median of ${runs} runs; ${machine.cpu} × ${machine.cores}, ${machine.memoryGb} GB, Node ${machine.node}\n`,
    );
    for (const mode of modes) {
      const label = {
        duckdb: 'DuckDB bare stream',
        'duckdb-default': 'DuckDB, default buffer',
        cold: 'execsim cold (Parquet)',
        warm: 'execsim warm (Arrow cache)',
        file: 'cache file bytes only',
      }[mode];
      process.stdout.write(
        `  ${label.padEnd(28)} ${(rate(mode) / 1e6).toFixed(2).padStart(7)} M rows/s   peak RSS ${rss(mode).toFixed(0).padStart(4)} MB\n`,
      );
    }
    process.stdout.write(
      `  cold / DuckDB: ${slower('cold', 'duckdb').toFixed(2)}× slower (median of pairs)\n`,
    );
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

await main();
