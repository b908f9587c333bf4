/**
 * One side of a price-level book in integer units, kept sorted with the best level at the end so
 * that updates near the touch move few elements. Each level remembers a `stamp` (the update that
 * last set it), which the crossed-book repair uses to tell stale levels from fresh ones.
 *
 * This is deliberately small: data/ must not depend on book/, and validation only needs the best
 * levels, membership and stamps.
 */
export class SortedLevels {
  private readonly keys: number[] = [];
  private readonly sizes: number[] = [];
  private readonly stamps: number[] = [];

  /** dir = +1 for bids (best = highest), −1 for asks (best = lowest). */
  constructor(readonly dir: 1 | -1) {}

  get count(): number {
    return this.keys.length;
  }

  /** Best price, NaN when empty. */
  best(): number {
    const n = this.keys.length;
    return n > 0 ? this.keys[n - 1] * this.dir : Number.NaN;
  }

  /** Price of the i-th level from the best (0 = best). */
  priceAt(i: number): number {
    return this.keys[this.keys.length - 1 - i] * this.dir;
  }

  sizeAtLevel(i: number): number {
    return this.sizes[this.sizes.length - 1 - i];
  }

  stampAtLevel(i: number): number {
    return this.stamps[this.stamps.length - 1 - i];
  }

  /** Size at a price, 0 when absent. */
  get(price: number): number {
    const i = this.find(price * this.dir);
    return i >= 0 ? this.sizes[i] : 0;
  }

  /** Sets the absolute size at a price (0 deletes). */
  set(price: number, size: number, stamp = 0): void {
    const key = price * this.dir;
    const i = this.find(key);
    if (i >= 0) {
      if (size > 0) {
        this.sizes[i] = size;
        this.stamps[i] = stamp;
      } else {
        this.keys.splice(i, 1);
        this.sizes.splice(i, 1);
        this.stamps.splice(i, 1);
      }
    } else if (size > 0) {
      const at = -i - 1;
      if (at === this.keys.length) {
        this.keys.push(key);
        this.sizes.push(size);
        this.stamps.push(stamp);
      } else {
        this.keys.splice(at, 0, key);
        this.sizes.splice(at, 0, size);
        this.stamps.splice(at, 0, stamp);
      }
    }
  }

  clear(): void {
    this.keys.length = 0;
    this.sizes.length = 0;
    this.stamps.length = 0;
  }

  /** True when `a` is a better price than `b` on this side. */
  better(a: number, b: number): boolean {
    return a * this.dir > b * this.dir;
  }

  /** Binary search from the best end: index if found, else −(insertion point) − 1. */
  private find(key: number): number {
    const keys = this.keys;
    const n = keys.length;
    // Most updates land at or near the best level: check the top first.
    if (n > 0 && keys[n - 1] === key) return n - 1;
    let lo = 0;
    let hi = n - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid];
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return mid;
    }
    return -lo - 1;
  }
}
