import { FarLevels } from './far-levels.ts';
import { type BookWindow, giveWindow, takeWindow } from './window-pool.ts';

/**
 * Ticks covered by the dense window of a side (a power of two, and a multiple of 32). Real full-depth
 * feeds (Binance) update levels thousands of ticks from the touch; at 2^16 ticks about 4% of their
 * updates fall outside, at 2^13 about 11%, each an insert into the sorted far levels.
 */
export const WINDOW_TICKS = 1 << 16;
const WINDOW = WINDOW_TICKS;
const HALF = WINDOW >> 1;
/** When the best falls this close to the window's worse edge, the window moves to centre it. */
const LOW_WATER = WINDOW >> 3;
/** What a released side holds instead of a window. */
const RELEASED = { sizes: new Float64Array(0), bits: new Uint32Array(0) };

/**
 * One side of an L2 book: price levels in integer ticks with sizes in lots.
 *
 * Levels near the touch live in a dense window indexed by price — one size per tick and an
 * occupancy bitmap — so setting a level is an array store, and finding the next level when the
 * best is deleted is a bit scan. Levels worse than the window's edge (far from the touch) are kept
 * sorted in `FarLevels`; the window moves when the touch leaves it, so the best level is always in
 * the window, and the window is empty only when the side is.
 *
 * Keys are `price × dir` (dir = +1 for bids, −1 for asks): the best level has the highest key on
 * both sides, and window slot s holds key `base + s`.
 */
export class BookSide {
  readonly dir: 1 | -1;
  private base = 0;
  private sizes: Float64Array;
  private bits: Uint32Array;
  /** Slot of the best level in the window, −1 when the window is empty. */
  private top = -1;
  private inWindow = 0;
  private far: FarLevels;
  /** The last level reached by index (priceAt, sizeAtLevel), so a walk best-first is linear. */
  private cursorLevel = -1;
  private cursorSlot = -1;

  constructor(dir: 1 | -1) {
    this.dir = dir;
    const w = takeWindow(WINDOW);
    this.sizes = w.sizes;
    this.bits = w.bits;
    this.far = w.far;
  }

  /**
   * Empties the side and hands its window back for the next side built on this thread. The side
   * must not be used afterwards: it holds no window.
   */
  release(): void {
    if (this.sizes.length === 0) return;
    this.clear();
    const w: BookWindow = { sizes: this.sizes, bits: this.bits, far: this.far };
    this.sizes = RELEASED.sizes;
    this.bits = RELEASED.bits;
    // Its own empty far levels: the ones handed back are the next side's.
    this.far = new FarLevels(1);
    giveWindow(w);
  }

  get levels(): number {
    return this.inWindow + this.far.n;
  }

  /** Best price in ticks, NaN when the side is empty. */
  best(): number {
    if (this.top >= 0) return (this.base + this.top) * this.dir;
    const far = this.far;
    return far.n > 0 ? far.keys[far.n - 1] * this.dir : Number.NaN;
  }

  bestSize(): number {
    if (this.top >= 0) return this.sizes[this.top];
    const far = this.far;
    return far.n > 0 ? far.sizes[far.n - 1] : 0;
  }

  /** Price of the i-th level from the best (0 = best); NaN past the last level. */
  priceAt(i: number): number {
    if (i < this.inWindow) return (this.base + this.slotOfLevel(i)) * this.dir;
    const j = this.far.n - 1 - (i - this.inWindow);
    return j >= 0 ? this.far.keys[j] * this.dir : Number.NaN;
  }

  /** Size of the i-th level from the best (0 = best); 0 past the last level. */
  sizeAtLevel(i: number): number {
    if (i < this.inWindow) return this.sizes[this.slotOfLevel(i)];
    const j = this.far.n - 1 - (i - this.inWindow);
    return j >= 0 ? this.far.sizes[j] : 0;
  }

  /** Displayed size at a price, 0 when no level is there. */
  sizeAt(price: number): number {
    const key = price * this.dir;
    const s = key - this.base;
    if (s >= 0 && s < WINDOW) return this.sizes[s];
    return s < 0 ? this.far.get(key) : 0;
  }

  /**
   * Sets the absolute size at a price (0 deletes the level); returns the size it had, 0 if none.
   * The window's path takes one branch on whether the level's occupancy changed rather than one per
   * case (add, change, delete): about half the generated day's rows add or delete a level, so each
   * of those branches mispredicted often (with L2Book's side by index, 1.11–1.17× the rows per
   * second there in paired runs; 1.03× on the bundled Binance days).
   */
  set(price: number, size: number): number {
    const key = price * this.dir;
    const s = key - this.base;
    if (s >= 0 && s < WINDOW && this.top >= 0) {
      const sizes = this.sizes;
      const old = sizes[s];
      const has = size > 0 ? 1 : 0;
      const had = old > 0 ? 1 : 0;
      sizes[s] = has === 1 ? size : 0;
      if (has === had) return old;
      this.bits[s >> 5] ^= 1 << (s & 31);
      this.inWindow += has - had;
      this.cursorLevel = -1;
      if (has === 1) {
        if (s > this.top) this.top = s;
      } else if (s === this.top) this.topVacated(s);
      return old;
    }
    return this.setOutside(key, size);
  }

  clear(): void {
    const bits = this.bits;
    for (let w = this.top >> 5; w >= 0; w--) {
      let m = bits[w];
      while (m !== 0) {
        const b = 31 - Math.clz32(m);
        this.sizes[(w << 5) + b] = 0;
        m &= ~(1 << b);
      }
      bits[w] = 0;
    }
    this.top = -1;
    this.inWindow = 0;
    this.far.truncate(0);
    this.cursorLevel = -1;
  }

  /** Total size of the best `levels` levels. */
  depth(levels: number): number {
    let total = 0;
    const n = Math.min(levels, this.levels);
    for (let i = 0; i < n; i++) total += this.sizeAtLevel(i);
    return total;
  }

  /** Total size at prices at least as good as `limit` (for bids: ≥ limit; for asks: ≤ limit). */
  sizeWithin(limit: number): number {
    const key = limit * this.dir;
    let total = 0;
    for (let i = 0; i < this.levels && this.priceAt(i) * this.dir >= key; i++) total += this.sizeAtLevel(i);
    return total;
  }

  /**
   * Makes this side a copy of `o` (same levels, same window), level by level in one pass over
   * both bitmaps: O(levels + window / 32). The local book is rebuilt this way on every read.
   */
  copyFrom(o: BookSide): void {
    const bits = this.bits;
    const sizes = this.sizes;
    const from = o.bits;
    const fromSizes = o.sizes;
    // Words above both tops are empty on both sides.
    for (let w = Math.max(this.top, o.top) >> 5; w >= 0; w--) {
      const want = from[w];
      // Slots held here and not there are emptied; those held there are copied.
      let m = bits[w] & ~want;
      while (m !== 0) {
        const b = 31 - Math.clz32(m);
        sizes[(w << 5) + b] = 0;
        m &= ~(1 << b);
      }
      bits[w] = want;
      m = want;
      while (m !== 0) {
        const s = (w << 5) + 31 - Math.clz32(m);
        sizes[s] = fromSizes[s];
        m &= ~(1 << (s & 31));
      }
    }
    this.base = o.base;
    this.top = o.top;
    this.inWindow = o.inWindow;
    this.far.copyFrom(o.far);
    this.cursorLevel = -1;
  }

  private occupy(s: number, size: number): void {
    this.sizes[s] = size;
    this.bits[s >> 5] |= 1 << (s & 31);
    this.inWindow++;
    if (s > this.top) this.top = s;
    this.cursorLevel = -1;
  }

  /** The best level, at slot `s`, was deleted: the next one down becomes the best. */
  private topVacated(s: number): void {
    this.top = this.below(s);
    // The touch moved towards the worse edge: centre the window on it again, pulling far levels in.
    if (this.top < LOW_WATER && (this.top >= 0 || this.far.n > 0)) {
      const bestKey = this.top >= 0 ? this.base + this.top : this.far.keys[this.far.n - 1];
      this.moveWindow(bestKey - HALF);
    }
  }

  /**
   * A key outside the window — better than its edge (the window moves) or worse (a far level) — or
   * the first level of an empty side, which centres the window on it.
   */
  private setOutside(key: number, size: number): number {
    if (this.top < 0) {
      if (size > 0) {
        this.base = key - HALF;
        this.occupy(HALF, size);
      }
      return 0;
    }
    if (key >= this.base + WINDOW) {
      if (size <= 0) return 0; // no level is held beyond the best
      this.moveWindow(key - HALF);
      this.occupy(key - this.base, size);
      return 0;
    }
    const old = this.far.set(key, size);
    if ((old === 0) !== size <= 0) this.cursorLevel = -1;
    return old;
  }

  /** Highest occupied slot below `s`, −1 when none. */
  private below(s: number): number {
    const bits = this.bits;
    let w = s >> 5;
    let m = bits[w] & ~(-1 << (s & 31));
    while (m === 0) {
      if (--w < 0) return -1;
      m = bits[w];
    }
    return (w << 5) + 31 - Math.clz32(m);
  }

  /** Window slot of the i-th level (i < inWindow), walking down from the cursor or the best. */
  private slotOfLevel(i: number): number {
    let level = 0;
    let s = this.top;
    if (this.cursorLevel >= 0 && this.cursorLevel <= i) {
      level = this.cursorLevel;
      s = this.cursorSlot;
    }
    for (; level < i; level++) s = this.below(s);
    this.cursorLevel = i;
    this.cursorSlot = s;
    return s;
  }

  /**
   * Re-bases the window at key `newBase` (no held key may reach `newBase + WINDOW`): window levels
   * below it become far levels, far levels inside it move in. Rare: only when the touch travels.
   */
  private moveWindow(newBase: number): void {
    const keys: number[] = [];
    const sizes: number[] = [];
    const far = this.far;
    const from = far.lowerBound(newBase);
    for (let j = from; j < far.n; j++) {
      keys.push(far.keys[j]);
      sizes.push(far.sizes[j]);
    }
    far.truncate(from);
    const bits = this.bits;
    for (let w = 0; w <= this.top >> 5; w++) {
      let m = bits[w];
      while (m !== 0) {
        const b = 31 - Math.clz32(m & -m);
        const s = (w << 5) + b;
        keys.push(this.base + s);
        sizes.push(this.sizes[s]);
        this.sizes[s] = 0;
        m &= m - 1;
      }
      bits[w] = 0;
    }
    this.base = newBase;
    this.top = -1;
    this.inWindow = 0;
    for (let j = 0; j < keys.length; j++) {
      if (keys[j] < newBase) far.push(keys[j], sizes[j]);
      else this.occupy(keys[j] - newBase, sizes[j]);
    }
    this.cursorLevel = -1;
  }
}
