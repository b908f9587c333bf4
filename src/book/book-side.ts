/**
 * One side of an L2 book: price levels in integer ticks with sizes in lots, kept sorted with the best
 * level at the END of the arrays, so the frequent updates near the touch move few elements.
 *
 * Keys are `price × dir` (dir = +1 for bids, −1 for asks) so one ascending order serves both sides.
 */
export class BookSide {
  readonly dir: 1 | -1;
  private keys: Float64Array;
  private sizes: Float64Array;
  private n = 0;

  constructor(dir: 1 | -1, capacity = 256) {
    this.dir = dir;
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
  }

  get levels(): number {
    return this.n;
  }

  /** Best price in ticks, NaN when the side is empty. */
  best(): number {
    return this.n > 0 ? this.keys[this.n - 1] * this.dir : Number.NaN;
  }

  bestSize(): number {
    return this.n > 0 ? this.sizes[this.n - 1] : 0;
  }

  /** Price of the i-th level from the best (0 = best); NaN past the last level. */
  priceAt(i: number): number {
    return i < this.n ? this.keys[this.n - 1 - i] * this.dir : Number.NaN;
  }

  /** Size of the i-th level from the best (0 = best); 0 past the last level. */
  sizeAtLevel(i: number): number {
    return i < this.n ? this.sizes[this.n - 1 - i] : 0;
  }

  /** Displayed size at a price, 0 when no level is there. */
  sizeAt(price: number): number {
    const i = this.find(price * this.dir);
    return i >= 0 ? this.sizes[i] : 0;
  }

  /** Sets the absolute size at a price; 0 deletes the level. */
  set(price: number, size: number): void {
    const key = price * this.dir;
    const i = this.find(key);
    if (i >= 0) {
      if (size > 0) this.sizes[i] = size;
      else this.removeAt(i);
      return;
    }
    if (size > 0) this.insertAt(-i - 1, key, size);
  }

  clear(): void {
    this.n = 0;
  }

  /**
   * Removes every level strictly better than `price` (for bids: above it; for asks: below it) and
   * returns how many were removed. Used by crossed-book repair rules.
   */
  removeBetterThan(price: number): number {
    const key = price * this.dir;
    let cut = this.n;
    while (cut > 0 && this.keys[cut - 1] > key) cut--;
    const removed = this.n - cut;
    this.n = cut;
    return removed;
  }

  /** Total size of the best `levels` levels. */
  depth(levels: number): number {
    let total = 0;
    for (let i = this.n - 1, k = 0; i >= 0 && k < levels; i--, k++) total += this.sizes[i];
    return total;
  }

  /** Total size at prices at least as good as `limit` (for bids: ≥ limit; for asks: ≤ limit). */
  sizeWithin(limit: number): number {
    const key = limit * this.dir;
    let total = 0;
    for (let i = this.n - 1; i >= 0 && this.keys[i] >= key; i--) total += this.sizes[i];
    return total;
  }

  /**
   * Index of `key`, or −(insertion point) − 1 when absent. Most updates land within a few levels of
   * the touch, so the last levels are scanned first; binary search covers the rest.
   */
  private find(key: number): number {
    const keys = this.keys;
    const stop = Math.max(0, this.n - 8);
    let j = this.n - 1;
    for (; j >= stop; j--) {
      const k = keys[j];
      if (k === key) return j;
      if (k < key) return -(j + 1) - 1;
    }
    let lo = 0;
    let hi = j;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }

  private insertAt(i: number, key: number, size: number): void {
    if (this.n === this.keys.length) this.grow();
    if (i < this.n) {
      this.keys.copyWithin(i + 1, i, this.n);
      this.sizes.copyWithin(i + 1, i, this.n);
    }
    this.keys[i] = key;
    this.sizes[i] = size;
    this.n++;
  }

  private removeAt(i: number): void {
    if (i < this.n - 1) {
      this.keys.copyWithin(i, i + 1, this.n);
      this.sizes.copyWithin(i, i + 1, this.n);
    }
    this.n--;
  }

  private grow(): void {
    const keys = new Float64Array(this.keys.length * 2);
    keys.set(this.keys);
    const sizes = new Float64Array(this.sizes.length * 2);
    sizes.set(this.sizes);
    this.keys = keys;
    this.sizes = sizes;
  }
}
