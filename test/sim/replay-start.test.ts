import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instrument, type OrderEvent } from '../../src/core/index.ts';
import { type EventBatch, readEventMeta, readEvents } from '../../src/data/index.ts';
import { startStrategy } from '../../src/execution/index.ts';
import { Kernel, ReplayStarts } from '../../src/sim/index.ts';
import { Simulation } from '../../src/venue/index.ts';
import { batchesOf, type Row, rowArb, rowsOf } from './generated-rows.ts';

const inst = new Instrument({ venue: 'test', symbol: 'T', tickSize: '1', lotSize: '1' });

/**
 * What a strategy that wakes at `wakeUs` sees of a replay: from then on every quote and trade with
 * the book's top at that moment, the book at each later timer, and the run's stats. With
 * `starts`, the replay begins at the start before the kernel's first queued work.
 */
function watch(
  rows: Row[],
  cuts: number[],
  wakeUs: number | undefined,
  later: number[],
  starts?: ReplayStarts,
) {
  const k = new Kernel({ instrument: inst });
  const seen: unknown[] = [];
  // With nothing queued at all, the whole replay may be skipped: only its stats are left.
  if (wakeUs !== undefined)
    k.setTimer(wakeUs, () => {
      seen.push(['wake', k.now(), k.market.book.view(100_000)]);
      k.onTrade((t) => seen.push(['trade', k.now(), t]));
      k.onQuote((ts) => seen.push(['quote', ts, k.market.book.bestBid(), k.market.book.bestAsk()]));
      for (const t of later) k.setTimer(t, () => seen.push(['timer', k.now(), k.market.book.view(100_000)]));
    });
  const batches = batchesOf(rows, cuts);
  let source: Iterable<EventBatch> = batches;
  if (starts !== undefined) {
    const start = starts.before(k.quietUntil());
    k.startFrom(start);
    source = starts.rowsFrom(start.row);
  }
  const stats = k.runSync(source);
  return { seen, stats, final: k.market.book.view(100_000) };
}

describe('starting a replay later (ReplayStarts, Kernel.startFrom)', () => {
  it('gives what the full replay gives to everything that wakes after the skipped rows', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.option(fc.integer({ min: -5, max: 700 }), { nil: undefined }),
        fc.array(fc.integer({ min: 0, max: 800 }), { maxLength: 4 }),
        (raw, cuts, wakeUs, later) => {
          const rows = rowsOf(raw as never);
          const starts = new ReplayStarts(batchesOf(rows, cuts), 1, 1);
          expect(watch(rows, cuts, wakeUs, later, starts)).toEqual(watch(rows, cuts, wakeUs, later));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('picks the same row whatever starts it built before', () => {
    fc.assert(
      fc.property(
        fc.array(rowArb, { minLength: 1, maxLength: 80 }),
        fc.array(fc.integer({ min: -5, max: 700 }), { minLength: 1, maxLength: 6 }),
        (raw, times) => {
          const batches = batchesOf(rowsOf(raw as never), [7, 30]);
          const used = new ReplayStarts(batches, 1, 1, 2);
          for (const t of times) {
            const fresh = new ReplayStarts(batches, 1, 1).before(t);
            const again = used.before(t);
            expect([again.row, again.lastExch, again.lastLocal, again.clamped]).toEqual([
              fresh.row,
              fresh.lastExch,
              fresh.lastLocal,
              fresh.clamped,
            ]);
            expect(again.book.view(100_000)).toEqual(fresh.book.view(100_000));
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('stops before the first row seen locally at or after the time, counting clamped rows', () => {
    const rows: Row[] = [
      { tsExch: 0, tsLocal: 2, kind: 4, side: 1, price: 100, size: 3 },
      // Exchange stamp after the local one (clamped to 5), then one before the row before (to 5).
      { tsExch: 7, tsLocal: 5, kind: 1, side: -1, price: 103, size: 2 },
      { tsExch: 4, tsLocal: 9, kind: 1, side: 1, price: 101, size: 1 },
      { tsExch: 10, tsLocal: 12, kind: 1, side: 1, price: 100, size: 0 },
    ];
    const starts = new ReplayStarts(batchesOf(rows, [2]), 1, 1);
    const s = starts.before(12);
    expect([s.row, s.lastExch, s.lastLocal, s.clamped]).toEqual([3, 5, 9, 2]);
    expect(s.book.view(10)).toEqual({
      bids: [
        [101, 1],
        [100, 3],
      ],
      asks: [[103, 2]],
    });
    expect(starts.before(2).row).toBe(0);
    expect([...starts.rowsFrom(3)].map((b) => [b.length, b.tsExch[0]])).toEqual([[1, 10]]);
  });

  it('is refused once anything watches the rows it would skip', () => {
    const rows = rowsOf([[1, 2, 1, 1, 0, 3] as never, [1, 2, 1, -1, 1, 3] as never]);
    const starts = new ReplayStarts(batchesOf(rows, []), 1, 1);
    const listening = new Kernel({ instrument: inst });
    listening.onTrade(() => {});
    listening.setTimer(100, () => {});
    expect(listening.quietUntil()).toBe(Number.NEGATIVE_INFINITY);
    expect(() => listening.startFrom(starts.before(100))).toThrow(/nothing has seen/);
    const early = new Kernel({ instrument: inst });
    early.setTimer(1, () => {});
    expect(() => early.startFrom(starts.before(100))).toThrow(/nothing has seen/);
    // A run ending before the skipped rows would not be the full replay's run.
    const cut = new Kernel({ instrument: inst });
    cut.setTimer(100, () => {});
    const start = starts.before(100);
    cut.startFrom(start);
    expect(() => cut.runSync(starts.rowsFrom(start.row), { endUs: start.lastLocal - 1 })).toThrow(
      /cannot end before/,
    );
  });
});

describe('a strategy on real data started later', () => {
  it('gets the same order events as on the full replay (TWAP, PASSIVE, ADAPTIVE)', async () => {
    const file = new URL('../../datasets/binance-usdm/BTCUSDT/2024-08-08.parquet', import.meta.url).pathname;
    const instrument = new Instrument((await readEventMeta(file)).meta.instrument);
    const batches: EventBatch[] = [];
    for await (const { release: _, ...b } of readEvents(file, { cache: false })) batches.push(b);
    const starts = new ReplayStarts(batches, instrument.tick, instrument.lot);
    const startUs = batches[0].tsLocal[0] + 150_000_000;
    const run = async (name: string, later: boolean) => {
      const sim = new Simulation({ instrument, seed: 3 });
      const events: OrderEvent[] = [];
      sim.venue.onOrderEvent((e) => events.push(e));
      const parent = {
        id: 'P',
        side: -1 as const,
        sizeLots: 3_000,
        startUs,
        endUs: startUs + 40_000_000,
        urgency: 'MEDIUM' as const,
      };
      startStrategy(name, { clock: sim.clock, venue: sim.venue, market: sim.market }, parent, {});
      let source: Iterable<EventBatch> = batches;
      if (later) {
        const start = starts.before(sim.kernel.quietUntil());
        expect(start.row).toBeGreaterThan(100_000);
        sim.kernel.startFrom(start);
        source = starts.rowsFrom(start.row);
      }
      const stats = await sim.run(source);
      return { events, stats };
    };
    for (const name of ['TWAP', 'PASSIVE', 'ADAPTIVE']) {
      const full = await run(name, false);
      expect(full.events.filter((e) => e.event === 'fill').length, name).toBeGreaterThan(0);
      expect(await run(name, true), name).toEqual(full);
    }
  });
});
