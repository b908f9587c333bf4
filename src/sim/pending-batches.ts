import type { BookSide, L2Book } from '../book/index.ts';
import { type EventBatch, EventKind } from '../data/index.ts';

const DEPTH: number = EventKind.DEPTH;
const CLEAR: number = EventKind.CLEAR;
const SNAPSHOT: number = EventKind.SNAPSHOT;

/** A batch the local view has not wholly passed, with what the exchange's rows replaced. */
export interface PendingBatch {
  readonly batch: EventBatch;
  /**
   * Per DEPTH/SNAPSHOT row: the size the exchange book held at that level before the row, while
   * the local book is rebuilt on demand (undefined otherwise).
   */
  readonly olds: Float64Array | undefined;
  /** Per CLEAR row index: the levels it removed, as flat [side, price, size] triples. */
  clears: Map<number, number[]> | undefined;
}

/** `olds` arrays handed back, reused by the next batches on this thread (whatever kernel runs them). */
const spare: Float64Array[] = [];
const MAX_SPARE = 4;

/**
 * The batches between the local view and the exchange, oldest first: the first holds the local
 * view's next row, the last the exchange's. The `olds` arrays are what lets the local book be
 * rebuilt as the exchange book with the in-flight rows undone; they are reused across batches.
 */
export class PendingBatches {
  private readonly list: PendingBatch[] = [];

  get length(): number {
    return this.list.length;
  }

  /** The batch holding the local view's next row. */
  first(): PendingBatch {
    return this.list[0];
  }

  /** Appends a batch; `logged` gives it an `olds` array for the exchange to fill. */
  push(batch: EventBatch, logged: boolean): PendingBatch {
    let olds: Float64Array | undefined;
    if (logged) {
      const reuse = spare.pop();
      olds = reuse !== undefined && reuse.length >= batch.length ? reuse : new Float64Array(batch.length);
    }
    const entry: PendingBatch = { batch, olds, clears: undefined };
    this.list.push(entry);
    return entry;
  }

  /** Drops the first batch once the local view has passed all of it. */
  shift(): void {
    const done = this.list.shift();
    if (done !== undefined) this.hand(done);
  }

  /** Drops every batch (the run is over): their memory may be reused. */
  clear(): void {
    for (const entry of this.list) this.hand(entry);
    this.list.length = 0;
  }

  private hand(entry: PendingBatch): void {
    if (entry.olds !== undefined && spare.length < MAX_SPARE) spare.push(entry.olds);
    // The kernel was the batch's only reader from here on: its memory may be reused.
    entry.batch.release?.();
  }

  /** Remembers the levels of `side` (+1 bids, −1 asks) that the CLEAR at row `i` is about to remove. */
  logClear(entry: PendingBatch, i: number, book: BookSide, side: number): void {
    entry.clears ??= new Map();
    const levels = entry.clears.get(i) ?? [];
    for (let j = 0; j < book.levels; j++) levels.push(side, book.priceAt(j), book.sizeAtLevel(j));
    entry.clears.set(i, levels);
  }

  /**
   * Undoes on `book` (a copy of the exchange book) the exchange's rows from row `from` of the first
   * batch to row `to` (exclusive) of the last, newest first: what is left is the book after the
   * rows before `from`.
   */
  undo(book: L2Book, from: number, to: number, invTick: number): void {
    for (let b = this.list.length - 1; b >= 0; b--) {
      const { batch, olds, clears } = this.list[b];
      if (olds === undefined) throw new Error('pending batch without the sizes its rows replaced');
      const lo = b === 0 ? from : 0;
      for (let i = (b === this.list.length - 1 ? to : batch.length) - 1; i >= lo; i--) {
        const k = batch.kind[i];
        if (k === DEPTH || k === SNAPSHOT) {
          book.side(batch.side[i]).set(Math.round(batch.price[i] * invTick), olds[i]);
        } else if (k === CLEAR) {
          const levels = clears?.get(i) ?? [];
          for (let j = 0; j < levels.length; j += 3) book.side(levels[j]).set(levels[j + 1], levels[j + 2]);
        }
      }
    }
  }
}
