/**
 * Book maintenance: depth rows applied per second by execsim's L2Book (integer ticks and lots in
 * typed arrays) against a naive book of decimal.js prices in a sorted array, on the same generated
 * rows. Run: npx tsx bench/book.ts [events]
 */
import { Decimal } from 'decimal.js';
import { L2Book } from '../src/book/index.ts';
import { Instrument } from '../src/core/index.ts';
import { EventKind, generateEvents, SYNTHETIC_INSTRUMENT } from '../src/data/index.ts';
import { emit, figure } from './lib/figures.ts';

const events = Number(process.argv[2] ?? 2_000_000);
const inst = new Instrument(SYNTHETIC_INSTRUMENT);
const batches = [...generateEvents({ events, seed: 'bench-book' })];
const depthRows = batches.reduce((n, b) => {
  for (let i = 0; i < b.length; i++) if (b.kind[i] !== EventKind.TRADE && b.kind[i] !== EventKind.BBO) n++;
  return n;
}, 0);

function timeIt(fn: () => void): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

/** The baseline: what a straightforward implementation with exact decimals does. */
class DecimalBook {
  bids: { price: Decimal; size: Decimal }[] = [];
  asks: { price: Decimal; size: Decimal }[] = [];
  apply(kind: number, side: number, price: number, size: number): void {
    if (kind === EventKind.CLEAR) {
      if (side >= 0) this.bids = [];
      if (side <= 0) this.asks = [];
      return;
    }
    if (kind !== EventKind.DEPTH && kind !== EventKind.SNAPSHOT) return;
    const levels = side > 0 ? this.bids : this.asks;
    const p = new Decimal(price);
    const i = levels.findIndex((l) => l.price.eq(p));
    if (new Decimal(size).isZero()) {
      if (i >= 0) levels.splice(i, 1);
    } else if (i >= 0) levels[i].size = new Decimal(size);
    else {
      levels.push({ price: p, size: new Decimal(size) });
      levels.sort((a, b) => (side > 0 ? b.price.cmp(a.price) : a.price.cmp(b.price)));
    }
  }
}

const invTick = 1 / inst.tick;
const invLot = 1 / inst.lot;
let best = Number.POSITIVE_INFINITY;
for (let rep = 0; rep < 5; rep++) {
  const book = new L2Book();
  best = Math.min(
    best,
    timeIt(() => {
      for (const b of batches) book.applyBatch(b, invTick, invLot);
    }),
  );
}
const baseRows = Math.min(depthRows, 200_000);
const base = new DecimalBook();
let seen = 0;
const baseSecs = timeIt(() => {
  for (const b of batches) {
    for (let i = 0; i < b.length && seen < baseRows; i++) {
      if (b.kind[i] !== EventKind.TRADE && b.kind[i] !== EventKind.BBO) seen++;
      base.apply(b.kind[i], b.side[i], b.price[i], b.size[i]);
    }
    if (seen >= baseRows) break;
  }
});
emit([
  figure('book.rows_per_s', depthRows / best, 'rows/s', {
    name: 'decimal.js sorted-array book',
    value: baseRows / baseSecs,
  }),
]);
