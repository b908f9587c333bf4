import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WINDOW_TICKS } from '../../src/book/book-side.ts';
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

  it('takes any positive side for bids and any other for asks, one row or a batch at a time', () => {
    const batch = allocBatch(3);
    [3, -2, 0].forEach((s, i) => {
      batch.kind[i] = DEPTH;
      batch.side[i] = s;
      batch.price[i] = 100 + i;
      batch.size[i] = 1;
    });
    batch.length = 3;
    const a = new L2Book();
    a.applyBatch(batch, 1, 1);
    const b = new L2Book();
    for (let i = 0; i < 3; i++) b.apply(DEPTH, batch.side[i], 100 + i, 1);
    for (const book of [a, b])
      expect(book.view(3)).toEqual({
        bids: [[100, 1]],
        asks: [
          [101, 1],
          [102, 1],
        ],
      });
    expect(a.side(127)).toBe(a.bids);
    expect(a.side(-128)).toBe(a.asks);
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

describe('BookSide across its window (touch travelling, far levels)', () => {
  // Steps of a price walk: mostly a few ticks, sometimes a jump wider than the dense window, so
  // levels move between the window and the far levels in both directions.
  const W = WINDOW_TICKS;
  const step = fc.record({
    kind: fc.constantFrom('set', 'set', 'set', 'set', 'dropBest', 'dropBest', 'clear'),
    side: fc.constantFrom(1, -1),
    move: fc.oneof(
      { weight: 8, arbitrary: fc.integer({ min: -6, max: 6 }) },
      { weight: 1, arbitrary: fc.integer({ min: -1.5 * W, max: 1.5 * W }) },
    ),
    size: fc.integer({ min: 0, max: 4 }),
  });

  it('keeps every level when the window moves up past a level and back down over it', () => {
    // The window is centred on the first level, P; P + W/2 is just past its better edge, so the
    // window moves to start at P: P − 1 becomes a far level and P stays in.
    const bids = new L2Book().bids;
    const p = 4 * W;
    const all = [
      [p + W / 2, 5],
      [p, 1],
      [p - 1, 2],
      [p - W / 2, 3],
      [p - W / 2 - 1, 4],
    ];
    for (const [price, size] of [all[1], all[2], all[3], all[4], all[0]]) bids.set(price, size);
    const holds = (want: number[][]) => {
      expect(Array.from({ length: bids.levels }, (_, i) => [bids.priceAt(i), bids.sizeAtLevel(i)])).toEqual(
        want,
      );
      expect(all.map(([price]) => [price, bids.sizeAt(price)])).toEqual(
        all.map(([price]) => [price, want.find((l) => l[0] === price)?.[1] ?? 0]),
      );
    };
    holds(all);
    // Deleting the touch leaves the best far below the window: it moves back down over the levels.
    bids.set(p + W / 2, 0);
    holds(all.slice(1));
    bids.set(p, 0);
    holds(all.slice(2));
    bids.set(p - 1, 0);
    holds(all.slice(3));
  });

  it('holds exactly the levels a reference map holds, in order, with every accessor agreeing', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 400 }), (steps) => {
        const b = new L2Book();
        const ref: Record<number, Map<number, number>> = { 1: new Map(), [-1]: new Map() };
        let price = 6 * W;
        for (const s of steps) {
          if (s.kind === 'clear') {
            b.apply(CLEAR, s.side, 0, 0);
            ref[s.side].clear();
            continue;
          }
          if (s.kind === 'dropBest') {
            // Deleting the touch walks it away from the window's better edge, towards far levels.
            const best = b.side(s.side).best();
            if (!Number.isNaN(best)) b.side(s.side).set(best, 0);
            ref[s.side].delete(best);
            continue;
          }
          price = Math.min(12 * W, Math.max(1, price + s.move));
          const old = ref[s.side].get(price) ?? 0;
          expect(b.side(s.side).set(price, s.size)).toBe(old);
          if (s.size > 0) ref[s.side].set(price, s.size);
          else ref[s.side].delete(price);
        }
        for (const side of [1, -1] as const) {
          const want = [...ref[side].entries()].sort((x, y) => (side > 0 ? y[0] - x[0] : x[0] - y[0]));
          const got = b.side(side);
          expect(got.levels).toBe(want.length);
          const listed: [number, number][] = [];
          for (let i = 0; i < got.levels; i++) listed.push([got.priceAt(i), got.sizeAtLevel(i)]);
          expect(listed).toEqual(want);
          // Random access after the walk (the cursor must not be trusted backwards).
          if (want.length > 1) expect(got.priceAt(0)).toBe(want[0][0]);
          expect(got.best()).toBe(want.length ? want[0][0] : Number.NaN);
          expect(got.bestSize()).toBe(want.length ? want[0][1] : 0);
          expect(got.priceAt(want.length)).toBeNaN();
          for (const [p, q] of want) expect(got.sizeAt(p)).toBe(q);
          expect(got.sizeAt(price + 1) === (ref[side].get(price + 1) ?? 0)).toBe(true);
          expect(got.depth(3)).toBe(want.slice(0, 3).reduce((a, [, q]) => a + q, 0));
          if (want.length) {
            const mid = want[Math.floor(want.length / 2)][0];
            const within = want
              .filter(([p]) => (side > 0 ? p >= mid : p <= mid))
              .reduce((a, [, q]) => a + q, 0);
            expect(got.sizeWithin(mid)).toBe(within);
          }
          const copy = new L2Book();
          copy.side(side).set(7, 1);
          copy.side(side).copyFrom(got);
          expect(copy.view(12 * W)[side > 0 ? 'bids' : 'asks']).toEqual(want);
        }
      }),
      { numRuns: 300 },
    );
  });
});
