import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINDOW_TICKS } from '../../src/book/book-side.ts';
import { L2Book } from '../../src/book/index.ts';
import { Instrument } from '../../src/core/index.ts';
import { allocBatch, type EventBatch, EventKind } from '../../src/data/index.ts';
import { Kernel } from '../../src/sim/index.ts';

const inst = new Instrument({ venue: 'test', symbol: 'T', tickSize: '1', lotSize: '1' });
const { DEPTH, TRADE, CLEAR, SNAPSHOT } = EventKind;

/** [exchange gap µs, feed latency µs (may be negative: a capture clock behind), kind, side, price step, size]. */
const rowArb = fc.tuple(
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

interface Row {
  tsExch: number;
  tsLocal: number;
  kind: number;
  side: number;
  price: number;
  size: number;
}

function rowsOf(raw: [number, number, number, number, number, number][]): Row[] {
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
function batchesOf(rows: Row[], cuts: number[]): EventBatch[] {
  const at = [...new Set(cuts.map((c) => c % (rows.length + 1)))].sort((a, b) => a - b);
  const bounds = [0, ...at.filter((c) => c > 0 && c < rows.length), rows.length];
  const out: EventBatch[] = [];
  for (let j = 0; j + 1 < bounds.length; j++) {
    const part = rows.slice(bounds[j], bounds[j + 1]);
    const b = allocBatch(part.length);
    part.forEach((r, i) => {
      b.tsExch[i] = r.tsExch;
      b.tsLocal[i] = r.tsLocal;
      b.kind[i] = r.kind;
      b.side[i] = r.side;
      b.price[i] = r.price;
      b.size[i] = r.size;
    });
    b.length = part.length;
    out.push(b);
  }
  return out;
}

/** What the strategy should see at time T: the rows whose (non-decreasing) local time is ≤ T. */
function reference(rows: Row[], at: number): L2Book {
  const book = new L2Book();
  let seen = Number.NEGATIVE_INFINITY;
  for (const r of rows) {
    seen = Math.max(seen, r.tsLocal);
    if (seen > at) break;
    book.apply(r.kind, r.side, r.price, r.size);
  }
  return book;
}

type Mode = 'no listener' | 'trade listener' | 'quote listener';

function readings(rows: Row[], cuts: number[], times: number[], mode: Mode, endUs?: number) {
  const k = new Kernel({ instrument: inst });
  if (mode === 'trade listener') k.onTrade(() => {});
  if (mode === 'quote listener') k.onQuote(() => {});
  const seen: [number, ReturnType<L2Book['view']>][] = [];
  for (const t of times) k.setTimer(t, () => seen.push([t, k.market.book.view(100_000)]));
  k.runSync(batchesOf(rows, cuts), { endUs });
  return { seen, final: k.market.book.view(100_000) };
}

describe('the local book a strategy reads', () => {
  it('is the replay of every row it has seen, whatever listens, across batches, clears and far levels', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { maxLength: 8 }),
        fc.option(fc.integer({ min: 0, max: 700 }), { nil: undefined }),
        (raw, cuts, times, endUs) => {
          const rows = rowsOf(raw as never);
          for (const mode of ['no listener', 'trade listener', 'quote listener'] as const) {
            const { seen, final } = readings(rows, cuts, times, mode, endUs);
            for (const [t, view] of seen)
              expect(view, `${mode} at ${t}`).toEqual(reference(rows, t).view(100_000));
            const last = endUs ?? Number.POSITIVE_INFINITY;
            expect(final, `${mode} after the run`).toEqual(reference(rows, last).view(100_000));
          }
        },
      ),
      { numRuns: 400 },
    );
  });

  it('switches to row-by-row upkeep when a quote listener arrives mid-run, without losing a row', () => {
    const row = (
      tsExch: number,
      tsLocal: number,
      kind: number,
      side: number,
      price: number,
      size: number,
    ) => ({
      tsExch,
      tsLocal,
      kind,
      side,
      price,
      size,
    });
    const rows = [
      row(0, 5, SNAPSHOT, 1, 100, 3),
      row(1, 6, DEPTH, -1, 105, 2),
      // Applied by the exchange at 2, seen at 20: in flight when the listener arrives at 8.
      row(2, 20, DEPTH, 1, 102, 4),
      row(10, 25, DEPTH, 1, 102, 0),
      row(11, 30, DEPTH, -1, 104, 1),
    ];
    const k = new Kernel({ instrument: inst });
    const quotes: number[][] = [];
    k.setTimer(8, () => k.onQuote((ts) => quotes.push([ts, k.localBook.bestBid(), k.localBook.bestAsk()])));
    k.runSync(batchesOf(rows, [2]));
    expect(quotes).toEqual([
      [20, 102, 105],
      [25, 100, 105],
      [30, 100, 104],
    ]);
  });
});
