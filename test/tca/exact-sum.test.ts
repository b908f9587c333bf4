import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instrument } from '../../src/core/index.ts';
import { EventKind } from '../../src/data/index.ts';
import { gridUnitsOf } from '../../src/tca/exact-sum.ts';
import { MarketTape } from '../../src/tca/index.ts';
import { batchOf, type Row } from '../venue/harness.ts';

describe('gridUnitsOf', () => {
  it('gives n only when new Decimal(x) is exactly n steps', () => {
    for (const step of ['0.1', '0.01', '0.25', '1', '5', '0.00000001', '0.003']) {
      const units = gridUnitsOf(new Decimal(step));
      fc.assert(
        fc.property(
          // Half below 10^12, where a double on the grid is told exactly; half up to 2^45.
          fc.oneof(fc.integer({ min: 1, max: 1e12 - 1 }), fc.integer({ min: 1e12, max: 2 ** 45 })),
          fc.double({ min: 1e-9, max: 1e9, noNaN: true }),
          (n, x) => {
            // A decimal on the grid, parsed as an importer would, and an arbitrary double.
            const onGrid = Number(new Decimal(step).mul(n).toFixed());
            for (const v of [onGrid, x]) {
              const got = units(v);
              if (!Number.isNaN(got)) expect(new Decimal(v).eq(new Decimal(step).mul(got))).toBe(true);
            }
            // A step neither whole nor 1/k for a whole k (0.003) is never told cheaply.
            if (step === '0.003') expect(units(onGrid)).toBeNaN();
            else if (n < 1e12) expect(units(onGrid)).toBe(n);
          },
        ),
        { numRuns: 300 },
      );
    }
  });
});

describe('MarketTape exact sums', () => {
  const inst = new Instrument({ venue: 't', symbol: 'T', tickSize: '0.1', lotSize: '0.001' });

  it('interval VWAP and mid TWAP equal the Decimal formulas, with prints on and off the grid', async () => {
    const print = fc.record({
      gap: fc.integer({ min: 0, max: 1_000_000 }),
      ticks: fc.integer({ min: 500_000, max: 700_000 }),
      lots: fc.integer({ min: 1, max: 5_000_000 }),
      offGrid: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(print, { minLength: 1, maxLength: 60 }), async (prints) => {
        const quoted: Row[] = [];
        let t = 0;
        for (const p of prints) {
          t += p.gap;
          const price = p.offGrid ? (p.ticks + 0.37) / 10 : p.ticks / 10;
          // Each print comes with a fresh quote: CLEAR, bid, ask (all at its time), then the trade.
          quoted.push(
            [t, t, EventKind.CLEAR, 0, 0, 0],
            [t, t, EventKind.DEPTH, 1, (p.ticks - 1) / 10, 1],
            [t, t, EventKind.DEPTH, -1, (p.ticks + 1 + (p.lots % 3)) / 10, 1],
            [t, t, EventKind.TRADE, 1, price, p.lots / 1000],
          );
        }
        const rows = quoted.length;
        const b = batchOf(quoted);
        const tape = await MarketTape.fromBatches(inst, [b]);
        const got = tape.vwap(0, t);
        let notional = new Decimal(0);
        let volume = new Decimal(0);
        for (let j = 3; j < rows; j += 4) {
          notional = notional.add(new Decimal(b.price[j]).mul(new Decimal(b.size[j])));
          volume = volume.add(new Decimal(b.size[j]));
        }
        expect(got?.volume.toFixed()).toBe(volume.toFixed());
        expect(got?.vwap.toFixed()).toBe(notional.div(volume).toFixed());
        // TWAP of the mid, as the per-quote Decimal sum would give it.
        if (t > 0) {
          let acc = new Decimal(0);
          let covered = 0;
          const quotes = [...Array(prints.length).keys()].map((k) => ({
            at: prints.slice(0, k + 1).reduce((s, p) => s + p.gap, 0),
            mid: new Decimal(b.price[4 * k + 1]).add(b.price[4 * k + 2]).div(2),
          }));
          for (let k = 0; k < quotes.length; k++) {
            const end = k + 1 < quotes.length ? quotes[k + 1].at : t;
            if (end <= quotes[k].at) continue;
            acc = acc.add(quotes[k].mid.mul(end - quotes[k].at));
            covered += end - quotes[k].at;
          }
          const from = quotes[0].at;
          const twap = tape.twapMid(from, t);
          // Every quote at one instant: an empty interval, priced at the mid then in force (the last).
          const want = covered > 0 ? acc.div(covered) : quotes[quotes.length - 1].mid;
          expect(twap?.toFixed()).toBe(want.toFixed());
        }
      }),
      { numRuns: 200 },
    );
  });

  it('mids are the Decimal (bid + ask) / 2 of the quote in force, on any tick grid and size', async () => {
    // Tick sizes with one or two significant digits, one with nine (where a single product of the
    // half-sum would round), and tick counts past 2^52 (where the sum is no longer exact as a double).
    const grids: [string, number][] = [
      ['0.1', 2 ** 40],
      ['0.01', 2 ** 40],
      ['0.25', 2 ** 40],
      ['5', 2 ** 40],
      ['0.00000001', 2 ** 40],
      ['0.123456789', 2 ** 40],
      ['1', 2 ** 52],
    ];
    for (const [tickSize, maxTicks] of grids) {
      const grid = new Instrument({ venue: 't', symbol: 'T', tickSize, lotSize: '1' });
      const tick = new Decimal(tickSize);
      const quote = fc.record({
        gap: fc.integer({ min: 1, max: 1_000_000 }),
        bid: fc.integer({ min: 1, max: maxTicks }),
        spread: fc.integer({ min: 1, max: 1_000 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.array(quote, { minLength: 1, maxLength: 20 }), async (quotes) => {
          const rows: Row[] = [];
          let t = 0;
          for (const q of quotes) {
            t += q.gap;
            rows.push(
              [t, t, EventKind.CLEAR, 0, 0, 0],
              [t, t, EventKind.DEPTH, 1, Number(tick.mul(q.bid)), 1],
              [t, t, EventKind.DEPTH, -1, Number(tick.mul(q.bid + q.spread)), 1],
            );
          }
          const tape = await MarketTape.fromBatches(grid, [batchOf(rows)]);
          t = 0;
          for (const q of quotes) {
            t += q.gap;
            const got = tape.quoteAt(t);
            if (got === undefined) throw new Error(`no quote at ${t}`);
            // bid and ask are tick × the book's whole ticks (a price past a double's digits may land
            // a tick away from the one written: the mid must follow the book's).
            if (tick.sd() <= 2 && maxTicks <= 2 ** 40) {
              expect([got.bid.valueOf(), got.ask.valueOf()]).toEqual([
                tick.mul(q.bid).valueOf(),
                tick.mul(q.bid + q.spread).valueOf(),
              ]);
            }
            const want = got.bid.add(got.ask).div(2).valueOf();
            expect(got.mid.valueOf()).toBe(want);
            expect(tape.midAt(t)?.valueOf()).toBe(want);
          }
          expect(tape.midAt(0)).toBeUndefined();
        }),
        { numRuns: 100 },
      );
    }
  });
});
