import type { BookView, WalkResult } from './l2-book.ts';

/** Read-only face of one book side, for consumers that must not change the book. */
export interface BookSideReader {
  readonly levels: number;
  best(): number;
  bestSize(): number;
  priceAt(i: number): number;
  sizeAtLevel(i: number): number;
  sizeAt(price: number): number;
  depth(levels: number): number;
  sizeWithin(limit: number): number;
}

/** Read-only face of an L2 book (what strategies and analyzers get). */
export interface BookReader {
  readonly bids: BookSideReader;
  readonly asks: BookSideReader;
  bestBid(): number;
  bestAsk(): number;
  mid(): number;
  spread(): number;
  isCrossed(): boolean;
  walk(takerSide: number, size: number, limit?: number): WalkResult;
  view(depth: number): BookView;
}
