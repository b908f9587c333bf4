import { describe, expect, it } from 'vitest';
import { BookSide, WINDOW_TICKS } from '../../src/book/book-side.ts';
import { L2Book } from '../../src/book/index.ts';
import { giveWindow, takeWindow } from '../../src/book/window-pool.ts';
import { Instrument } from '../../src/core/index.ts';
import { allocBatch, EventKind } from '../../src/data/index.ts';
import { Kernel } from '../../src/sim/index.ts';

describe('released book memory', () => {
  it('a released side hands back a zeroed window that the next side starts empty in', () => {
    const a = new BookSide(1);
    a.set(1_000, 5);
    a.set(1_000 - WINDOW_TICKS / 4, 7);
    a.set(1_000 - 3 * WINDOW_TICKS, 9); // a far level
    a.release();
    const w = takeWindow(WINDOW_TICKS);
    expect(w.sizes.every((x) => x === 0)).toBe(true);
    expect(w.bits.every((x) => x === 0)).toBe(true);
    const b = new BookSide(1);
    expect(b.levels).toBe(0);
    expect(b.sizeAt(1_000)).toBe(0);
    b.set(2_000, 3);
    expect([b.best(), b.bestSize(), b.levels]).toEqual([2_000, 3, 1]);
  });

  it('hands back the far levels empty with the capacity they grew to, for the next side', () => {
    const deep = new BookSide(1);
    deep.set(1_000, 5);
    for (let i = 1; i <= 200; i++) deep.set(1_000 - WINDOW_TICKS - i, i); // 200 far levels
    const a = new BookSide(1);
    a.copyFrom(deep);
    expect(a.levels).toBe(201);
    a.release();
    const w = takeWindow(WINDOW_TICKS);
    expect(w.far.n).toBe(0);
    expect(w.far.keys.length).toBeGreaterThanOrEqual(200);
    giveWindow(w);
    const b = new BookSide(1);
    expect([b.levels, b.sizeAt(1_000 - WINDOW_TICKS - 7)]).toEqual([0, 0]);
    b.copyFrom(deep);
    expect([b.levels, b.sizeAt(1_000 - WINDOW_TICKS - 7), b.best()]).toEqual([201, 7, 1_000]);
    // The released side keeps nothing of what it handed on.
    b.set(1_000 - WINDOW_TICKS - 300, 1);
    expect(a.levels).toBe(0);
  });

  it('a book reused after another is released reads only its own levels', () => {
    const first = new L2Book();
    first.apply(EventKind.DEPTH, 1, 100, 4);
    first.apply(EventKind.DEPTH, -1, 101, 6);
    first.release();
    const second = new L2Book();
    expect(second.bids.levels + second.asks.levels).toBe(0);
    second.apply(EventKind.DEPTH, -1, 105, 2);
    expect(second.asks.best()).toBe(105);
    expect(Number.isNaN(second.bids.best())).toBe(true);
  });

  it('a released kernel refuses to be fed or read', () => {
    const k = new Kernel({
      instrument: new Instrument({ venue: 't', symbol: 'T', tickSize: '1', lotSize: '1' }),
    });
    const b = allocBatch(1);
    b.tsExch[0] = 1;
    b.tsLocal[0] = 1;
    b.kind[0] = EventKind.DEPTH;
    b.side[0] = 1;
    b.price[0] = 10;
    b.size[0] = 1;
    b.length = 1;
    k.runSync([b]);
    expect(k.localBook.bids.best()).toBe(10);
    k.release();
    expect(() => k.feed(b)).toThrow(/released/);
    expect(() => k.localBook).toThrow(/released/);
  });
});
