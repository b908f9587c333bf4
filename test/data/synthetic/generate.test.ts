import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../../src/book/index.ts';
import { Instrument } from '../../../src/core/index.ts';
import { type EventBatch, EventKind, generateEvents, SYNTHETIC_INSTRUMENT } from '../../../src/data/index.ts';

const inst = new Instrument(SYNTHETIC_INSTRUMENT);

function concat(batches: Iterable<EventBatch>) {
  const cols = {
    tsExch: [] as number[],
    tsLocal: [] as number[],
    kind: [] as number[],
    side: [] as number[],
  };
  const price: number[] = [];
  const size: number[] = [];
  for (const b of batches) {
    for (let i = 0; i < b.length; i++) {
      cols.tsExch.push(b.tsExch[i]);
      cols.tsLocal.push(b.tsLocal[i]);
      cols.kind.push(b.kind[i]);
      cols.side.push(b.side[i]);
      price.push(b.price[i]);
      size.push(b.size[i]);
    }
  }
  return { ...cols, price, size };
}

describe('synthetic L2 generator', () => {
  it('is a pure function of the seed and produces exactly the asked row count', () => {
    const a = concat(generateEvents({ events: 20_000, seed: 'day-1', batchRows: 3000 }));
    const b = concat(generateEvents({ events: 20_000, seed: 'day-1' }));
    const c = concat(generateEvents({ events: 20_000, seed: 'day-2' }));
    expect(a.kind).toHaveLength(20_000);
    expect(a).toEqual(b);
    expect(c.price).not.toEqual(a.price);
  });

  it('starts with CLEAR + SNAPSHOT, keeps ts_local non-decreasing behind ts_exch, prices and sizes on the grid', () => {
    const r = concat(generateEvents({ events: 50_000, seed: 7, startUs: 1_000_000 }));
    expect(r.kind[0]).toBe(EventKind.CLEAR);
    expect(r.side[0]).toBe(0);
    expect(r.kind[1]).toBe(EventKind.SNAPSHOT);
    expect(r.tsExch[0]).toBe(1_000_000);
    const bad: string[] = [];
    for (let i = 0; i < r.kind.length; i++) {
      if (i > 0 && (r.tsLocal[i] < r.tsLocal[i - 1] || r.tsExch[i] < r.tsExch[i - 1])) bad.push(`order ${i}`);
      if (r.tsLocal[i] - r.tsExch[i] < 800) bad.push(`latency ${i}`);
      if (!Number.isInteger(r.tsExch[i]) || !Number.isInteger(r.tsLocal[i])) bad.push(`time ${i}`);
      // The double must be the one a decimal parser gives for the grid value: exact round trip.
      if (r.kind[i] !== EventKind.CLEAR && i % 10 === 0) {
        if (Number(inst.ticksToPrice(inst.ticksOfDouble(r.price[i]))) !== r.price[i]) bad.push(`price ${i}`);
        if (Number(inst.lotsToSize(inst.lotsOfDouble(r.size[i]))) !== r.size[i]) bad.push(`size ${i}`);
      }
    }
    expect(bad).toEqual([]);
    const kinds = new Set(r.kind);
    expect([...kinds].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('never crosses the book; trades print at the touch for at most its size; BBO rows match the book', () => {
    const book = new L2Book();
    const invTick = 1 / inst.tick;
    const invLot = 1 / inst.lot;
    let trades = 0;
    for (const b of generateEvents({ events: 200_000, seed: 'book' })) {
      for (let i = 0; i < b.length; i++) {
        const ticks = Math.round(b.price[i] * invTick);
        const lots = Math.round(b.size[i] * invLot);
        if (b.kind[i] === EventKind.TRADE) {
          trades++;
          const touch = b.side[i] > 0 ? book.asks : book.bids;
          if (touch.best() !== ticks || touch.bestSize() < lots || lots <= 0)
            throw new Error(`trade off the touch at row ${i}`);
        } else if (b.kind[i] === EventKind.BBO) {
          const touch = b.side[i] > 0 ? book.bids : book.asks;
          if (touch.best() !== ticks || touch.bestSize() !== lots)
            throw new Error(`BBO off the book at ${i}`);
        }
        book.applyBatch(b, invTick, invLot, i, i + 1);
        if (book.bids.levels > 0 && book.asks.levels > 0 && book.isCrossed())
          throw new Error(`crossed at row ${i}`);
      }
    }
    expect(trades).toBeGreaterThan(20_000);
    expect(book.bids.levels).toBeGreaterThan(10);
    expect(book.asks.levels).toBeGreaterThan(10);
    // The mid walks but stays in a plausible range of the start.
    expect(Math.abs(book.mid() * inst.tick - 60_000)).toBeLessThan(3_000);
  });

  it('streams in batches of the asked size, so memory does not grow with the row count', () => {
    let batches = 0;
    let maxLen = 0;
    for (const b of generateEvents({ events: 100_001, seed: 1, batchRows: 10_000 })) {
      batches++;
      maxLen = Math.max(maxLen, b.tsExch.length);
    }
    expect(batches).toBe(11);
    expect(maxLen).toBe(10_000);
  });

  it('for any seed and length: exact row count, never crossed, trades within the touch', () => {
    fc.assert(
      fc.property(fc.string(), fc.integer({ min: 0, max: 3000 }), (seed, events) => {
        const book = new L2Book();
        let rows = 0;
        for (const b of generateEvents({ events, seed, batchRows: 512 })) {
          for (let i = 0; i < b.length; i++) {
            if (b.kind[i] === EventKind.TRADE) {
              const touch = b.side[i] > 0 ? book.asks : book.bids;
              if (touch.best() !== Math.round(b.price[i] * 10)) return false;
              if (touch.bestSize() < Math.round(b.size[i] * 1000)) return false;
            }
            book.applyBatch(b, 10, 1000, i, i + 1);
            if (book.bids.levels > 0 && book.asks.levels > 0 && book.isCrossed()) return false;
          }
          rows += b.length;
        }
        return rows === events;
      }),
      { numRuns: 40, seed: 20240808 },
    );
  });
});
