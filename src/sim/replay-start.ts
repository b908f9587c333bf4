import { L2Book } from '../book/index.ts';
import { type EventBatch, makeBatch } from '../data/index.ts';

/**
 * A point a replay may begin at instead of its first row: the book after rows [0, row) of a
 * stream, with the kernel's running times and counts there. A kernel that nothing watches yet
 * reaches exactly this state by feeding those rows (see Kernel.startFrom).
 */
export interface ReplayStart {
  readonly row: number;
  /** The exchange book after rows [0, row); read-only (a kernel copies it). */
  readonly book: L2Book;
  /** Running (clamped) exchange time and running local time of the rows before `row`; −∞ at row 0. */
  readonly lastExch: number;
  readonly lastLocal: number;
  /** Rows before `row` whose exchange time was clamped (the kernel's `clampedRows`). */
  readonly clamped: number;
}

/**
 * Replay starts over one in-memory stream, built forward on demand from the nearest earlier one
 * and a few kept for the next request. The cells of a sweep replay the same day up to windows
 * spread through it; each begins at the start before its window instead of at the day's first row.
 * Which starts happen to be kept never changes a result: `before(t)` always gives the same row.
 */
export class ReplayStarts {
  private readonly batches: readonly EventBatch[];
  private readonly invTick: number;
  private readonly invLot: number;
  private readonly keep: number;
  /** Kept starts, oldest first. */
  private readonly kept: ReplayStart[] = [];
  private readonly origin: ReplayStart;

  constructor(batches: readonly EventBatch[], tick: number, lot: number, keep = 16) {
    this.batches = batches;
    this.invTick = 1 / tick;
    this.invLot = 1 / lot;
    this.keep = keep;
    this.origin = {
      row: 0,
      book: new L2Book(),
      lastExch: Number.NEGATIVE_INFINITY,
      lastLocal: Number.NEGATIVE_INFINITY,
      clamped: 0,
    };
  }

  /** The start at the last row such that every row before it reaches the local view before `beforeUs`. */
  before(beforeUs: number): ReplayStart {
    let from = this.origin;
    for (const s of this.kept) if (s.lastLocal < beforeUs && s.row > from.row) from = s;
    const next = this.advance(from, beforeUs);
    if (next === from) return from;
    this.kept.push(next);
    if (this.kept.length > this.keep) this.kept.shift()?.book.release();
    return next;
  }

  /** Rows from `row` on, as views of the kept batches. */
  *rowsFrom(row: number): Generator<EventBatch> {
    let skip = row;
    for (const b of this.batches) {
      if (skip >= b.length) {
        skip -= b.length;
        continue;
      }
      yield skip === 0 ? b : sliceBatch(b, skip);
      skip = 0;
    }
  }

  /** Applies the rows after `from` while each is seen locally before `beforeUs`, as the kernel would. */
  private advance(from: ReplayStart, beforeUs: number): ReplayStart {
    let { row, lastExch, lastLocal, clamped } = from;
    let book: L2Book | undefined;
    for (const b of this.rowsFrom(from.row)) {
      const { tsExch, tsLocal } = b;
      let i = 0;
      for (; i < b.length; i++) {
        const local = Math.max(tsLocal[i], lastLocal);
        if (!(local < beforeUs)) break;
        // The kernel's clamp: never after the row's local time, never before the row before.
        let t = tsExch[i];
        if (t > tsLocal[i]) {
          t = tsLocal[i];
          clamped++;
        }
        if (t < lastExch) {
          t = lastExch;
          clamped++;
        }
        lastExch = t;
        lastLocal = local;
      }
      if (i > 0) {
        if (book === undefined) {
          book = new L2Book();
          book.copyFrom(from.book);
        }
        book.applyBatch(b, this.invTick, this.invLot, 0, i);
        row += i;
      }
      if (i < b.length) break;
    }
    if (book === undefined) return from;
    return { row, book, lastExch, lastLocal, clamped };
  }
}

/** Rows [from, length) of a batch as a batch of views (no copy). */
function sliceBatch(b: EventBatch, from: number): EventBatch {
  return makeBatch(
    b.length - from,
    b.tsExch.subarray(from, b.length),
    b.tsLocal.subarray(from, b.length),
    b.kind.subarray(from, b.length),
    b.side.subarray(from, b.length),
    b.price.subarray(from, b.length),
    b.size.subarray(from, b.length),
  );
}
