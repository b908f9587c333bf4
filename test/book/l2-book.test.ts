import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../src/book/index.ts';
import { allocBatch, EventKind } from '../../src/data/index.ts';

const { DEPTH, CLEAR, SNAPSHOT, TRADE } = EventKind;

describe('L2Book (behaviours 1–2)', () => {
  it('1: depth rows carry absolute size; size 0 deletes the level', () => {
    const b = new L2Book();
    b.apply(DEPTH, 1, 12, 5);
    b.apply(DEPTH, 1, 11, 4);
    b.apply(DEPTH, 1, 17, 3);
    expect(b.bestBid()).toBe(17);
    b.apply(DEPTH, 1, 17, 0);
    expect(b.bestBid()).toBe(12);
    expect(b.bids.bestSize()).toBe(5);
    b.apply(DEPTH, 1, 12, 9);
    expect(b.view(5).bids).toEqual([
      [12, 9],
      [11, 4],
    ]);
  });

  it('2: a snapshot replaces that side entirely; levels it does not mention are gone', () => {
    const b = new L2Book();
    for (const [p, s] of [
      [10, 1],
      [9, 2],
      [8, 3],
    ])
      b.apply(DEPTH, 1, p, s);
    b.apply(DEPTH, -1, 12, 4);
    b.apply(CLEAR, 1, 0, 0);
    b.apply(SNAPSHOT, 1, 9, 7);
    expect(b.view(10)).toEqual({ bids: [[9, 7]], asks: [[12, 4]] });
    b.apply(CLEAR, 0, 0, 0);
    expect(b.bids.levels + b.asks.levels).toBe(0);
    expect(b.bestBid()).toBeNaN();
  });

  it('trades and BBO rows leave the depth alone', () => {
    const b = new L2Book();
    b.apply(DEPTH, -1, 101, 5);
    b.apply(TRADE, 1, 101, 5);
    b.apply(EventKind.BBO, -1, 100, 1);
    expect(b.view(3).asks).toEqual([[101, 5]]);
  });

  it('walks the book best first, stopping at a limit', () => {
    const b = new L2Book();
    b.apply(DEPTH, -1, 101, 5);
    b.apply(DEPTH, -1, 102, 5);
    b.apply(DEPTH, -1, 104, 5);
    expect(b.walk(1, 12)).toEqual({
      filled: 12,
      cost: 5 * 101 + 5 * 102 + 2 * 104,
      worstPrice: 104,
      levels: 3,
    });
    expect(b.walk(1, 50, 102)).toEqual({ filled: 10, cost: 1015, worstPrice: 102, levels: 2 });
    expect(b.walk(-1, 3).filled).toBe(0);
    expect(b.asks.sizeWithin(102)).toBe(10);
  });

  it('applies typed-array batches with prices in quote units', () => {
    const batch = allocBatch(4);
    const rows: [number, number, number, number][] = [
      [CLEAR, 0, 0, 0],
      [SNAPSHOT, 1, 61234.5, 0.013],
      [SNAPSHOT, -1, 61234.6, 1.2],
      [DEPTH, 1, 61234.5, 0],
    ];
    rows.forEach(([k, s, p, q], i) => {
      batch.kind[i] = k;
      batch.side[i] = s;
      batch.price[i] = p;
      batch.size[i] = q;
    });
    batch.length = 4;
    const b = new L2Book();
    b.applyBatch(batch, 10, 1000, 0, 3);
    expect(b.view(1)).toEqual({ bids: [[612345, 13]], asks: [[612346, 1200]] });
    b.applyBatch(batch, 10, 1000, 3, 4);
    expect(b.bestBid()).toBeNaN();
  });
});

describe('L2Book properties', () => {
  const op = fc.record({
    side: fc.constantFrom(1, -1),
    price: fc.integer({ min: 1, max: 60 }),
    size: fc.integer({ min: 0, max: 5 }),
  });

  it('matches a reference map after any sequence of depth rows, sorted and without zero or negative levels', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
        const b = new L2Book();
        const ref = { 1: new Map<number, number>(), [-1]: new Map<number, number>() } as Record<
          number,
          Map<number, number>
        >;
        for (const o of ops) {
          b.apply(DEPTH, o.side, o.price, o.size);
          if (o.size > 0) ref[o.side].set(o.price, o.size);
          else ref[o.side].delete(o.price);
        }
        const want = (side: number): [number, number][] =>
          [...ref[side].entries()].sort((x, y) => (side > 0 ? y[0] - x[0] : x[0] - y[0]));
        const v = b.view(1000);
        expect(v.bids).toEqual(want(1));
        expect(v.asks).toEqual(want(-1));
        for (const [, s] of [...v.bids, ...v.asks]) expect(s).toBeGreaterThan(0);
      }),
    );
  });
});
