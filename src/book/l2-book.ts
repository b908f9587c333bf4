import { type EventBatch, EventKind } from '../data/index.ts';
import { BookSide } from './book-side.ts';

// Row kinds as plain module constants: reading them through the data face's re-export can cost a
// getter call per row under some loaders.
const DEPTH: number = EventKind.DEPTH;
const CLEAR: number = EventKind.CLEAR;
const SNAPSHOT: number = EventKind.SNAPSHOT;

/** Result of walking one side of the book for a size: what a marketable order would get. */
export interface WalkResult {
  /** Lots that the visible book could fill (≤ the asked size). */
  filled: number;
  /** Σ price×lots over the levels walked, in tick·lots (exact while below 2^53). */
  cost: number;
  /** Worst price reached, NaN when nothing filled. */
  worstPrice: number;
  /** Levels touched. */
  levels: number;
}

/** Top-N levels of both sides, best first: [priceTicks, sizeLots] pairs. */
export interface BookView {
  bids: [number, number][];
  asks: [number, number][];
}

/**
 * The L2 book on integer ticks and lots. DEPTH and SNAPSHOT rows set the absolute size at a price
 * (0 deletes); CLEAR empties one side (side 0: both) before a snapshot. TRADE and BBO rows carry no
 * depth and leave the book as it is.
 */
export class L2Book {
  readonly bids = new BookSide(1);
  readonly asks = new BookSide(-1);
  /**
   * Both sides indexed by `-side >>> 31` (asks, bids: 1 exactly when side > 0, as `side > 0 ?
   * bids : asks`): a row's side picked by a load rather than a branch, which mispredicts when rows
   * alternate sides (half the rows of the generated day; 3–11% of the bundled Binance days, where
   * the load costs no more than the branch).
   */
  readonly bySide: readonly [BookSide, BookSide] = [this.asks, this.bids];

  /** Empties the book and hands its memory back for the next book on this thread; unusable afterwards. */
  release(): void {
    this.bids.release();
    this.asks.release();
  }

  /** Makes this book a copy of `o`. */
  copyFrom(o: L2Book): void {
    this.bids.copyFrom(o.bids);
    this.asks.copyFrom(o.asks);
  }

  /** The side of a row's `side` (bids when positive; asks otherwise, 0 included). */
  side(side: number): BookSide {
    return this.bySide[-side >>> 31];
  }

  /** Applies one market-event row (price in ticks, size in lots). */
  apply(kind: number, side: number, price: number, size: number): void {
    if (kind === DEPTH || kind === SNAPSHOT) {
      this.side(side).set(price, size);
    } else if (kind === CLEAR) {
      if (side >= 0) this.bids.clear();
      if (side <= 0) this.asks.clear();
    }
  }

  /**
   * Applies rows [from, to) of a batch whose prices and sizes are in quote and base units; `invTick`
   * and `invLot` are 1/tick and 1/lot. Rounding to the grid here is exact for on-grid data, which
   * the importers guarantee for depth rows.
   */
  applyBatch(batch: EventBatch, invTick: number, invLot: number, from = 0, to = batch.length): void {
    const { kind, side, price, size } = batch;
    const bySide = this.bySide;
    for (let i = from; i < to; i++) {
      const k = kind[i];
      if (k === DEPTH || k === SNAPSHOT) {
        const p = Math.round(price[i] * invTick);
        const q = Math.round(size[i] * invLot);
        bySide[-side[i] >>> 31].set(p, q);
      } else if (k === CLEAR) {
        const s = side[i];
        if (s >= 0) this.bids.clear();
        if (s <= 0) this.asks.clear();
      }
    }
  }

  clear(): void {
    this.bids.clear();
    this.asks.clear();
  }

  bestBid(): number {
    return this.bids.best();
  }

  bestAsk(): number {
    return this.asks.best();
  }

  /** Mid in ticks (may be a half tick); NaN unless both sides have a level. */
  mid(): number {
    return (this.bids.best() + this.asks.best()) / 2;
  }

  /** Spread in ticks; NaN unless both sides have a level. */
  spread(): number {
    return this.asks.best() - this.bids.best();
  }

  isCrossed(): boolean {
    return this.bids.best() >= this.asks.best();
  }

  /**
   * What a marketable order of `size` lots on `takerSide` (+1 buys: walks the asks) would get from
   * the visible book, best first, stopping at `limit` ticks if given.
   */
  walk(takerSide: number, size: number, limit = Number.NaN): WalkResult {
    const book = takerSide > 0 ? this.asks : this.bids;
    let left = size;
    let cost = 0;
    let worst = Number.NaN;
    let levels = 0;
    for (let i = 0; i < book.levels && left > 0; i++) {
      const p = book.priceAt(i);
      if (!Number.isNaN(limit) && (takerSide > 0 ? p > limit : p < limit)) break;
      const take = Math.min(left, book.sizeAtLevel(i));
      cost += take * p;
      left -= take;
      worst = p;
      levels++;
    }
    return { filled: size - left, cost, worstPrice: worst, levels };
  }

  /** Top `depth` levels of both sides, best first. */
  view(depth: number): BookView {
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    for (let i = 0; i < Math.min(depth, this.bids.levels); i++)
      bids.push([this.bids.priceAt(i), this.bids.sizeAtLevel(i)]);
    for (let i = 0; i < Math.min(depth, this.asks.levels); i++)
      asks.push([this.asks.priceAt(i), this.asks.sizeAtLevel(i)]);
    return { bids, asks };
  }
}
