import seedrandom from 'seedrandom';
import { Instrument, type InstrumentSpec, US_PER_DAY } from '../../core/index.ts';
import { allocBatch, type EventBatch, EventKind } from '../schema.ts';
import { SyntheticBook } from './synthetic-book.ts';

export interface GenerateOptions {
  /** Rows to produce, snapshot rows included. */
  events: number;
  seed: string | number;
  instrument?: InstrumentSpec;
  /** ts_exch of the snapshot, µs since the epoch (default 2024-08-08T00:00:00Z). */
  startUs?: number;
  /** Mid price at the start, in quote units (default 60,000). */
  startPrice?: number;
  /** Rows per batch handed out (default 65,536). */
  batchRows?: number;
}

export const SYNTHETIC_INSTRUMENT: InstrumentSpec = {
  venue: 'synthetic',
  symbol: 'BTCUSDT-SYN',
  tickSize: '0.1',
  lotSize: '0.001',
  contractMultiplier: '1',
  kind: 'linear',
  quoteCurrency: 'USDT',
  baseCurrency: 'BTC',
};

const DEFAULT_START_US = 1_723_075_200_000_000; // 2024-08-08T00:00:00Z
/** Levels per side in the opening snapshot. */
const SNAPSHOT_LEVELS = 50;
/** Feed latency: a fixed floor plus an exponential tail, µs. */
const LATENCY_FLOOR_US = 800;
const LATENCY_TAIL_US = 400;

/**
 * A seeded synthetic L2 day: a CLEAR and a snapshot of both sides, then depth updates concentrated
 * near the touch, trades at the touch followed by the depth row they imply, level improvements inside
 * the spread and occasional BBO rows. The book never crosses, and the mid walks as trades consume the
 * touch and quotes improve. Rows are spread over one day whatever their count; ts_local is ts_exch
 * plus a feed latency, kept non-decreasing. Memory is one batch plus a book of a few hundred levels,
 * whatever `events` is. Same seed and options ⇒ same rows.
 */
export function* generateEvents(opts: GenerateOptions): Generator<EventBatch> {
  const total = Math.max(0, Math.floor(opts.events));
  const inst = new Instrument(opts.instrument ?? SYNTHETIC_INSTRUMENT);
  const rnd = seedrandom.alea(`execsim-synthetic:${String(opts.seed)}`);
  const cap = opts.batchRows ?? 65_536;
  const toPrice = scaler(inst.tick);
  const toSize = scaler(inst.lot);
  const book = new SyntheticBook(rnd, Math.round((opts.startPrice ?? 60_000) / inst.tick));

  // ~1.25 rows per step (a trade brings its depth row, a BBO step two rows): spread over ~a day.
  const meanGapUs = Math.max(1, (1.25 * US_PER_DAY) / Math.max(1, total));
  let tsExch = opts.startUs ?? DEFAULT_START_US;
  let lastLocal = -Infinity;
  let rows = 0;
  let batch = allocBatch(Math.min(cap, Math.max(1, total)));
  const full: EventBatch[] = [];

  const emit = (kind: number, side: number, ticks: number, lots: number): void => {
    if (rows >= total) return;
    const latency = LATENCY_FLOOR_US + Math.floor(-Math.log(1 - rnd()) * LATENCY_TAIL_US);
    const local = Math.max(lastLocal, tsExch + latency);
    lastLocal = local;
    const i = batch.length;
    batch.tsExch[i] = tsExch;
    batch.tsLocal[i] = local;
    batch.kind[i] = kind;
    batch.side[i] = side;
    batch.price[i] = toPrice(ticks);
    batch.size[i] = toSize(lots);
    batch.length = i + 1;
    rows++;
    if (batch.length === batch.tsExch.length) {
      full.push(batch);
      batch = allocBatch(Math.min(cap, Math.max(1, total - rows)));
    }
  };
  book.onRow = emit;

  emit(EventKind.CLEAR, 0, 0, 0);
  book.snapshot(SNAPSHOT_LEVELS);
  while (full.length > 0) yield full.shift() as EventBatch;

  while (rows < total) {
    tsExch += Math.floor(-Math.log(1 - rnd()) * meanGapUs);
    book.step();
    while (full.length > 0) yield full.shift() as EventBatch;
  }
  if (batch.length > 0) yield batch;
}

/**
 * Integer steps to the double nearest the decimal: dividing by an integer inverse step (10 for
 * 0.1) rounds once, where multiplying by 0.1 can land one ulp off the parsed decimal.
 */
function scaler(step: number): (n: number) => number {
  const inv = 1 / step;
  if (Math.abs(inv - Math.round(inv)) < 1e-9) {
    const k = Math.round(inv);
    return (n) => n / k;
  }
  return (n) => n * step;
}
