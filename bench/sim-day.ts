/**
 * The full simulation on a generated L2 day: events/s through reader + kernel + venue with
 * (a) no strategy, (b) TWAP, (c) ADAPTIVE with its signals, (d) PASSIVE re-pegged on every touch
 * change, cold (Parquet) and warm (Arrow cache), against the book alone on the same rows (the
 * floor, measured in the same run); peak RSS of this process.
 * Run: npx tsx bench/sim-day.ts [events=27500000]
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { L2Book } from '../src/book/index.ts';
import { Instrument } from '../src/core/index.ts';
import { generateEvents, readEvents, SYNTHETIC_INSTRUMENT, writeEventFile } from '../src/data/index.ts';
import { type Params, type ParentOrder, startStrategy } from '../src/execution/index.ts';
import { Simulation } from '../src/venue/index.ts';
import { emit, type Figure, figure, peakRssMb } from './lib/figures.ts';

const events = Number(process.argv[2] ?? 27_500_000);
const DAY = 27_500_000;
const suffix = events === DAY ? '' : `@${events / 1e6}M`;
const dir = join(tmpdir(), 'execsim-bench');
mkdirSync(dir, { recursive: true });
const file = join(dir, `day-${events}.parquet`);
const cacheDir = join(dir, `cache-${events}`);
const inst = new Instrument(SYNTHETIC_INSTRUMENT);

if (!existsSync(file)) {
  process.stderr.write(`generating ${events} events → ${file}\n`);
  await writeEventFile(
    file,
    {
      schemaVersion: '1',
      instrument: SYNTHETIC_INSTRUMENT,
      provenance: { source: 'synthetic', inputs: [], importer: 'generate', findings: {} },
    },
    generateEvents({ events, seed: 'bench-day' }),
  );
}

/** First and last local time, to place the parent order over the whole day. */
let first = Number.NaN;
let last = Number.NaN;
for await (const b of readEvents(file, { cache: false })) {
  if (Number.isNaN(first)) first = b.tsLocal[0];
  last = b.tsLocal[b.length - 1];
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

async function simulate(strategy: string, cache: boolean): Promise<number> {
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

rmSync(cacheDir, { recursive: true, force: true });
const figures: Figure[] = [];
// Fill the cache once so "warm" means a cache hit.
const bookSecs = Math.min(await bookOnly(), await bookOnly());
const floor = { name: 'book alone, warm cache (same run)', value: events / bookSecs };
figures.push(figure(`sim.book_floor.events_per_s${suffix}`, events / bookSecs, 'events/s'));
for (const strategy of ['none', 'TWAP', 'ADAPTIVE', 'PASSIVE']) {
  const name = strategy.toLowerCase();
  const cold = await simulate(strategy, false);
  const warm = await simulate(strategy, true);
  figures.push(figure(`sim.${name}.cold.events_per_s${suffix}`, events / cold, 'events/s', floor));
  figures.push(figure(`sim.${name}.warm.events_per_s${suffix}`, events / warm, 'events/s', floor));
  if (strategy === 'TWAP') figures.push(figure(`sim.twap.cold.seconds${suffix}`, cold, 's'));
}
figures.push(figure(`sim.peak_rss_mb${suffix}`, peakRssMb(), 'MB'));
emit(figures);
