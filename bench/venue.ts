/**
 * The simulation's hot loop on a generated day: events/s of the book alone (the baseline, measured
 * in the same run), of the kernel with no orders, with quote and trade listeners, of the venue with
 * one resting order, and with a taker (market IOC, 1 lot, alternating sides) every 1,000 events.
 * Run: npx tsx bench/venue.ts [events=5000000]
 */
import { L2Book } from '../src/book/index.ts';
import { Instrument } from '../src/core/index.ts';
import { type EventBatch, generateEvents, SYNTHETIC_INSTRUMENT } from '../src/data/index.ts';
import { Simulation } from '../src/venue/index.ts';
import { emit, figure, machine, peakRssMb } from './lib/figures.ts';

const events = Number(process.argv[2] ?? 5_000_000);
const inst = new Instrument(SYNTHETIC_INSTRUMENT);
const batches: EventBatch[] = [...generateEvents({ events, seed: 'bench-venue' })];
const rows = batches.reduce((n, b) => n + b.length, 0);

function seconds(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** Best of `reps` runs, to damp the noise of a shared machine. */
function best(reps: number, fn: () => void): number {
  let s = Number.POSITIVE_INFINITY;
  for (let i = 0; i < reps; i++) s = Math.min(s, seconds(fn));
  return s;
}

const reps = rows > 2_000_000 ? 2 : 3;
const invTick = 1 / inst.tick;
const invLot = 1 / inst.lot;

const bookSecs = best(reps, () => {
  const book = new L2Book();
  for (const b of batches) book.applyBatch(b, invTick, invLot);
});

const kernelSecs = best(reps, () => {
  new Simulation({ instrument: inst }).runSync(batches);
});

let quotes = 0;
const listenerSecs = best(reps, () => {
  const sim = new Simulation({ instrument: inst });
  sim.market.onQuote(() => quotes++);
  sim.market.onTrade(() => quotes++);
  sim.runSync(batches);
});

let restingFills = 0;
const restingSecs = best(reps, () => {
  const sim = new Simulation({ instrument: inst });
  sim.venue.onOrderEvent((e) => {
    if (e.event === 'fill') restingFills++;
  });
  // A bid well below the opening touch: it rests (the venue then sees every row) all day.
  const first = batches[0];
  const openBid = Math.round(first.price[0] * invTick) - 20_000;
  sim.clock.setTimer(first.tsLocal[0], () =>
    sim.venue.submit({ id: 'rest', side: 1, type: 'limit', tif: 'GTC', price: openBid, size: 1 }),
  );
  sim.runSync(batches);
});

let takerFills = 0;
const takerSecs = best(reps, () => {
  const sim = new Simulation({ instrument: inst });
  sim.venue.onOrderEvent((e) => {
    if (e.event === 'fill') takerFills++;
  });
  let n = 0;
  for (const b of batches) {
    for (let i = 0; i < b.length; i += 1000) {
      const id = `t${n++}`;
      const side = n % 2 === 0 ? 1 : -1;
      sim.clock.setTimer(b.tsLocal[i], () =>
        sim.venue.submit({ id, side, type: 'market', tif: 'IOC', price: Number.NaN, size: 1 }),
      );
    }
  }
  sim.runSync(batches);
});

const base = { name: 'L2Book.applyBatch alone', value: rows / bookSecs };
process.stderr.write(
  `${JSON.stringify({ machine: machine(), rows, restingFills: restingFills / reps, takerFills: takerFills / reps })}\n`,
);
emit([
  figure('venue.book_rows_per_s', rows / bookSecs, 'events/s'),
  figure('venue.kernel_no_orders_per_s', rows / kernelSecs, 'events/s', base),
  figure('venue.quote_and_trade_listeners_per_s', rows / listenerSecs, 'events/s', base),
  figure('venue.one_resting_order_per_s', rows / restingSecs, 'events/s', base),
  figure('venue.taker_every_1000_per_s', rows / takerSecs, 'events/s', base),
  figure('venue.peak_rss', peakRssMb(), 'MB'),
]);
