import fc from 'fast-check';
import { WINDOW_TICKS } from '../../src/book/book-side.ts';
import { type EventBatch, EventKind } from '../../src/data/index.ts';
import type { EventRow } from '../../src/venue/index.ts';
import { batchOf } from '../venue/harness.ts';

const { DEPTH, TRADE, CLEAR, SNAPSHOT } = EventKind;

/** [exchange gap µs, feed latency µs (may be negative: a capture clock behind), kind, side, price step, size]. */
export const rowArb = fc.tuple(
  fc.integer({ min: 0, max: 15 }),
  fc.integer({ min: -5, max: 40 }),
  fc.constantFrom(DEPTH, DEPTH, DEPTH, DEPTH, TRADE, SNAPSHOT, CLEAR),
  fc.constantFrom(1, -1, 0),
  // Mostly near the last price; sometimes a jump wider than a book side's dense window.
  fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: -4, max: 4 }) },
    fc.integer({ min: -1.5 * WINDOW_TICKS, max: 1.5 * WINDOW_TICKS }),
  ),
  fc.integer({ min: 0, max: 9 }),
);

/** A generated row, in the units batches hold (as an EVENTS.csv row parses). */
export type Row = EventRow;

export function rowsOf(raw: [number, number, number, number, number, number][]): Row[] {
  let t = 0;
  let price = 6 * WINDOW_TICKS;
  return raw.map(([gap, lat, kind, side, step, size]) => {
    t += gap;
    price = Math.max(1, price + step);
    const s = kind === CLEAR || kind === TRADE ? side : side || 1;
    return {
      tsExch: t,
      tsLocal: t + lat,
      kind,
      side: s,
      price,
      size: kind === TRADE ? Math.max(1, size) : size,
    };
  });
}

/** The rows in batches cut at the given points. */
export function batchesOf(rows: Row[], cuts: number[]): EventBatch[] {
  const at = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...at.filter((c) => c > 0 && c < rows.length), rows.length];
  const out: EventBatch[] = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const part = rows.slice(bounds[j], bounds[j + 1]);
    out.push(batchOf(part.map((r) => [r.tsExch, r.tsLocal, r.kind, r.side, r.price, r.size])));
  }
  return out;
}
