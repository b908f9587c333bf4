import { EventKind } from '../../schema.ts';
import { type EventRow, SortedLevels } from '../../validate/index.ts';

/** One side of an orderbook-file row: real levels only, best first, prices and sizes in units. */
export interface SideLevels {
  prices: number[];
  sizes: number[];
}

/**
 * Turns successive top-N states (LOBSTER orderbook rows) into DEPTH rows. What the importer knows
 * of the book is kept per side; a new state is compared with it *inside the window it shows*:
 * - a level shown with another size (or new) becomes DEPTH at its new size;
 * - a known level inside the window but not shown was removed: DEPTH size 0;
 * - a known level worse than the N-th shown level (when N levels are shown) has only left the
 *   window, because better levels pushed it out: it is not a deletion and keeps its last known
 *   size until the window shows it again (or shows that it is gone).
 * A level-1 file shows only the best level; depth behind it is what was last seen.
 */
export class WindowedBook {
  private readonly bids = new SortedLevels(1);
  private readonly asks = new SortedLevels(-1);

  constructor(private readonly depth: number) {}

  /** CLEAR (both sides) and SNAPSHOT rows of a full state. */
  snapshot(bids: SideLevels, asks: SideLevels, ts: number, rows: EventRow[]): void {
    this.bids.clear();
    this.asks.clear();
    rows.push({ tsExch: ts, tsLocal: ts, kind: EventKind.CLEAR, side: 0, price: 0, size: 0 });
    for (const [book, levels, side] of [
      [this.bids, bids, 1],
      [this.asks, asks, -1],
    ] as const) {
      for (let i = 0; i < levels.prices.length; i++) {
        book.set(levels.prices[i], levels.sizes[i]);
        rows.push({
          tsExch: ts,
          tsLocal: ts,
          kind: EventKind.SNAPSHOT,
          side,
          price: levels.prices[i],
          size: levels.sizes[i],
        });
      }
    }
  }

  /** DEPTH rows that take the known book to the shown state. */
  update(bids: SideLevels, asks: SideLevels, ts: number, rows: EventRow[]): void {
    this.side(this.bids, bids, 1, ts, rows);
    this.side(this.asks, asks, -1, ts, rows);
  }

  private side(book: SortedLevels, shown: SideLevels, side: 1 | -1, ts: number, rows: EventRow[]): void {
    const n = shown.prices.length;
    const full = n === this.depth;
    const worst = full ? shown.prices[n - 1] : Number.NaN;
    const gone: number[] = [];
    for (let i = 0; i < book.count; i++) {
      const p = book.priceAt(i);
      if (full && book.better(worst, p)) break;
      if (!shown.prices.includes(p)) gone.push(p);
    }
    for (const p of gone) {
      book.set(p, 0);
      rows.push({ tsExch: ts, tsLocal: ts, kind: EventKind.DEPTH, side, price: p, size: 0 });
    }
    for (let i = 0; i < n; i++) {
      const p = shown.prices[i];
      const s = shown.sizes[i];
      if (book.get(p) !== s) {
        book.set(p, s);
        rows.push({ tsExch: ts, tsLocal: ts, kind: EventKind.DEPTH, side, price: p, size: s });
      }
    }
  }
}
