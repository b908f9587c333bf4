/**
 * Levels of one book side that lie outside its dense window (far from the touch), by key
 * (price × dir), sorted ascending so the best — the one nearest the window — is at the end.
 * Updates here are rare, so a sorted array with shifting inserts is enough.
 */
export class FarLevels {
  keys: Float64Array;
  sizes: Float64Array;
  n = 0;

  constructor(capacity = 64) {
    this.keys = new Float64Array(capacity);
    this.sizes = new Float64Array(capacity);
  }

  /** Sets the size at a key (0 deletes); returns the size it had (0 when absent). */
  set(key: number, size: number): number {
    const i = this.find(key);
    if (i >= 0) {
      const old = this.sizes[i];
      if (size > 0) this.sizes[i] = size;
      else this.removeAt(i);
      return old;
    }
    if (size > 0) this.insertAt(-i - 1, key, size);
    return 0;
  }

  get(key: number): number {
    const i = this.find(key);
    return i >= 0 ? this.sizes[i] : 0;
  }

  /** Appends a key greater than every key held. */
  push(key: number, size: number): void {
    this.insertAt(this.n, key, size);
  }

  /** Drops the levels from index `from` to the end (the best ones). */
  truncate(from: number): void {
    this.n = from;
  }

  /** Index of the first key ≥ `key` (n when none). */
  lowerBound(key: number): number {
    let lo = 0;
    let hi = this.n;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.keys[mid] < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  copyFrom(o: FarLevels): void {
    if (this.keys.length < o.n) {
      this.keys = new Float64Array(o.keys.length);
      this.sizes = new Float64Array(o.keys.length);
    }
    this.keys.set(o.keys.subarray(0, o.n));
    this.sizes.set(o.sizes.subarray(0, o.n));
    this.n = o.n;
  }

  /** Index of `key`, or −(insertion point) − 1 when absent. */
  private find(key: number): number {
    const i = this.lowerBound(key);
    return i < this.n && this.keys[i] === key ? i : -i - 1;
  }

  private insertAt(i: number, key: number, size: number): void {
    if (this.n === this.keys.length) {
      const keys = new Float64Array(this.keys.length * 2);
      keys.set(this.keys);
      const sizes = new Float64Array(this.sizes.length * 2);
      sizes.set(this.sizes);
      this.keys = keys;
      this.sizes = sizes;
    }
    this.keys.copyWithin(i + 1, i, this.n);
    this.sizes.copyWithin(i + 1, i, this.n);
    this.keys[i] = key;
    this.sizes[i] = size;
    this.n++;
  }

  private removeAt(i: number): void {
    this.keys.copyWithin(i, i + 1, this.n);
    this.sizes.copyWithin(i, i + 1, this.n);
    this.n--;
  }
}
