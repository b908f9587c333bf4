/**
 * The full simulation on a generated L2 day: events/s through reader + kernel + venue with
 * (a) no strategy, (b) TWAP, (c) ADAPTIVE with its signals, (d) PASSIVE re-pegged on every touch
 * change, cold (Parquet) and warm (Arrow cache), against the book alone on the same rows (the
 * floor, measured in the same run); medians of `reps` runs. Each strategy and mode runs in a
 * process of its own, so each peak RSS is one simulation's (the day is generated in another).
 * `--strategies none,TWAP` runs only those (npm run bench does so for the 1 M and 5 M days, which
 * show how time and memory grow with the day's length, to stay within its time budget).
 * Run: npx tsx bench/sim-day.ts [events=27500000] [reps=3] [--strategies none,TWAP,ADAPTIVE,PASSIVE]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { L2Book } from '../src/book/index.ts';
import { Instrument } from '../src/core/index.ts';
import { generateEvents, readEvents, SYNTHETIC_INSTRUMENT, writeEventFile } from '../src/data/index.ts';
import { type Params, type ParentOrder, startStrategy } from '../src/execution/index.ts';
import { Simulation } from '../src/venue/index.ts';
import { readableEventFile } from './lib/event-file.ts';
import { emit, type Figure, figure, peakRssMb } from './lib/figures.ts';

const events = Number(process.argv[2] ?? 27_500_000);
const reps = /^\d+$/.test(process.argv[3] ?? '') ? Number(process.argv[3]) : 3;
const STRATEGIES = ['none', 'TWAP', 'ADAPTIVE', 'PASSIVE'];
const only = process.argv.indexOf('--strategies');
const strategies = only >= 0 ? (process.argv[only + 1] ?? '').split(',') : STRATEGIES;
for (const s of strategies) {
  if (!STRATEGIES.includes(s)) throw new Error(`--strategies: ${s} is none of ${STRATEGIES.join(', ')}`);
}
const DAY = 27_500_000;
const suffix = events === DAY ? '' : `@${events / 1e6}M`;
const dir = join(tmpdir(), 'execsim-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `day-${events}.parquet`);
const cacheDir = join(dir, `cache-${events}`);
const inst = new Instrument(SYNTHETIC_INSTRUMENT);

if (process.argv.includes('--generate')) {
  await writeEventFile(
    file,
    {
      schemaVersion: '1',
      instrument: SYNTHETIC_INSTRUMENT,
      provenance: { source: 'synthetic', inputs: [], importer: 'generate', findings: {} },
    },
    generateEvents({ events, seed: 'bench-day' }),
  );
  process.exit(0);
}
if (!(await readableEventFile(file))) {
  process.stderr.write(`generating ${events} events → ${file}\n`);
  const g = spawnSync(
    process.execPath,
    [...process.execArgv, new URL(import.meta.url).pathname, String(events), '1', '--generate'],
    {
      stdio: 'inherit',
    },
  );
  if (g.status !== 0) throw new Error(`generating ${file} failed`);
}

/** First and last local time, to place the parent order over the whole day. */
async function span(): Promise<[number, number]> {
  let first = Number.NaN;
  let last = Number.NaN;
  for await (const b of readEvents(file, { cacheDir })) {
    if (Number.isNaN(first)) first = b.tsLocal[0];
    last = b.tsLocal[b.length - 1];
  }
  return [first, last];
}

function seconds(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

async function bookOnly(): Promise<number> {
  const book = new L2Book();
  const t0 = process.hrtime.bigint();
  for await (const b of readEvents(file, { cacheDir })) book.applyBatch(b, 1 / inst.tick, 1 / inst.lot);
  return seconds(t0);
}

async function simulate(strategy: string, cache: boolean, [first, last]: [number, number]): Promise<number> {
  const sim = new Simulation({ instrument: inst, seed: 1 });
  if (strategy !== 'none') {
    const parent: ParentOrder = {
      id: 'P',
      side: 1,
      // PASSIVE never completes, so it re-pegs all day; the schedules trade a few lots per slice.
      sizeLots: strategy === 'PASSIVE' ? 1e12 : 100_000,
      startUs: first + 1_000_000,
      endUs: last,
      urgency: 'MEDIUM',
    };
    const byStrategy: Record<string, Params> = {
      TWAP: { slices: 100 },
      ADAPTIVE: { decisions: 100 },
      PASSIVE: { completionSweep: false },
    };
    const params = byStrategy[strategy];
    startStrategy(strategy, { clock: sim.clock, venue: sim.venue, market: sim.market }, parent, params);
  }
  const t0 = process.hrtime.bigint();
  await sim.run(readEvents(file, cache ? { cacheDir } : { cache: false }));
  return seconds(t0);
}

/** Median of `reps` runs; between runs the GC reclaims what the last one left (native buffers too). */
async function median(run: () => Promise<number>): Promise<number> {
  const xs: number[] = [];
  for (let r = 0; r < reps; r++) {
    xs.push(await run());
    (globalThis as { gc?: () => void }).gc?.();
  }
  xs.sort((a, b) => a - b);
  return xs[Math.floor(xs.length / 2)];
}

const child = process.argv.indexOf('--child');
if (child >= 0) {
  // One strategy and mode in this process, so its peak RSS is that simulation's alone.
  const [strategy, mode] = process.argv.slice(child + 1, child + 3);
  const days = await span();
  // A 1 M-event day is over before the JIT has warmed up: one untimed run first.
  if (events <= 1_000_000) await simulate(strategy, mode === 'warm', days);
  const secs = await median(() => simulate(strategy, mode === 'warm', days));
  process.stdout.write(`${JSON.stringify({ seconds: secs, peakRssMb: peakRssMb() })}\n`);
  process.exit(0);
}

function runChild(strategy: string, mode: 'cold' | 'warm'): { seconds: number; peakRssMb: number } {
  const r = spawnSync(
    process.execPath,
    [
      ...process.execArgv,
      new URL(import.meta.url).pathname,
      String(events),
      String(reps),
      '--child',
      strategy,
      mode,
    ],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`sim-day ${strategy} ${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').at(-1) ?? '{}');
}

rmSync(cacheDir, { recursive: true, force: true });
const figures: Figure[] = [];
// Fill the cache once so "warm" means a cache hit.
await bookOnly();
const bookSecs = await median(bookOnly);
const floor = { name: 'book alone, warm cache (same run)', value: events / bookSecs };
figures.push(figure(`sim.book_floor.events_per_s${suffix}`, events / bookSecs, 'events/s'));
let peak = 0;
for (const strategy of strategies) {
  const name = strategy.toLowerCase();
  const cold = runChild(strategy, 'cold');
  const warm = runChild(strategy, 'warm');
  peak = Math.max(peak, cold.peakRssMb, warm.peakRssMb);
  figures.push(figure(`sim.${name}.cold.events_per_s${suffix}`, events / cold.seconds, 'events/s', floor));
  figures.push(figure(`sim.${name}.warm.events_per_s${suffix}`, events / warm.seconds, 'events/s', floor));
  if (strategy === 'TWAP') {
    figures.push(figure(`sim.twap.cold.seconds${suffix}`, cold.seconds, 's'));
    figures.push(figure(`sim.twap.peak_rss_mb${suffix}`, Math.max(cold.peakRssMb, warm.peakRssMb), 'MB'));
  }
}
// The largest of any one simulation's process (each strategy and mode runs in its own), over the
// strategies run: all four on the 27.5 M-event day, the floor and TWAP on the 1 M and 5 M days.
figures.push(figure(`sim.peak_rss_mb${suffix}`, peak, 'MB'));
emit(figures);
