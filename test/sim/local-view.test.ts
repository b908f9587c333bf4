import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../src/book/index.ts';
import { Instrument } from '../../src/core/index.ts';
import { EventKind } from '../../src/data/index.ts';
import { Kernel } from '../../src/sim/index.ts';
import { batchesOf, type Row, rowArb, rowsOf } from './generated-rows.ts';

const inst = new Instrument({ venue: 'test', symbol: 'T', tickSize: '1', lotSize: '1' });
const { DEPTH, SNAPSHOT } = EventKind;

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
