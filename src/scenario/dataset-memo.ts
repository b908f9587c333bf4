import { canonicalJson } from '../core/index.ts';
import {
  batchWithLength,
  contentSha256,
  defaultCacheDir,
  type EventBatch,
  generateEvents,
  readEvents,
} from '../data/index.ts';
import type { DatasetRef } from './load.ts';

/** Decoded rows a process keeps in memory across cells, over all datasets. */
const MEMO_BYTES = 256 * 2 ** 20;
/** Bytes of one row in a batch: two times, kind, side, price, size. */
const ROW_BYTES = 8 + 8 + 1 + 1 + 8 + 8;

/** Whole datasets' rows by key (a file's content hash, a synthetic day's options). */
const memos = new Map<string, EventBatch[]>();
/** Datasets too large to keep, and datasets being read into a memo now. */
const skipped = new Set<string>();
const reading = new Set<string>();
let memoBytes = 0;

/**
 * What a dataset's rows are kept under: a file's content hash, so a rewritten file is read again;
 * a synthetic day's options, which fix its rows (same seed and options ⇒ same rows).
 */
async function memoKey(ref: DatasetRef): Promise<string> {
  if (ref.kind === 'file') return contentSha256(ref.path, defaultCacheDir());
  return `synthetic:${canonicalJson({ events: ref.events, seed: ref.seed, startPrice: ref.startPrice ?? null })}`;
}

function freshRows(ref: DatasetRef): AsyncGenerator<EventBatch> | Generator<EventBatch> {
  if (ref.kind === 'file') return readEvents(ref.path);
  return generateEvents({ events: ref.events, seed: ref.seed, startPrice: ref.startPrice });
}

/**
 * The rows of a dataset already kept in memory, with their key; undefined until a read through
 * memoizedEvents has kept them (or when the dataset is past the memory budget).
 */
export async function keptBatches(
  ref: DatasetRef,
): Promise<{ key: string; batches: readonly EventBatch[] } | undefined> {
  const key = await memoKey(ref);
  const batches = memos.get(key);
  return batches === undefined ? undefined : { key, batches };
}

/**
 * The rows of a dataset, kept in memory for the next cell of this process: the cells of a sweep
 * replay the same day from its first row, each up to its window, so the day is decoded (or read
 * from its cache, or generated) once per process instead of once per cell. The first reader reads
 * the whole day even when it stops early, so the file's reader always finishes. Datasets past the
 * memory budget are not kept. Batches are read-only and shared.
 */
export async function* memoizedEvents(ref: DatasetRef): AsyncGenerator<EventBatch> {
  const key = await memoKey(ref);
  const hit = memos.get(key);
  if (hit !== undefined) {
    yield* hit;
    return;
  }
  const source = freshRows(ref);
  if (skipped.has(key) || reading.has(key)) {
    yield* source;
    return;
  }
  reading.add(key);
  let batches: EventBatch[] | undefined = [];
  let bytes = 0;
  let complete = false;
  // Kept batches are shared with later cells: they go on without release(), so no consumer can
  // hand their memory back.
  const keep = (read: EventBatch): EventBatch => {
    const b = batchWithLength(read, read.length);
    if (batches === undefined) return b;
    bytes += b.length * ROW_BYTES;
    if (memoBytes + bytes > MEMO_BYTES) {
      batches = undefined;
      skipped.add(key);
    } else batches.push(b);
    return b;
  };
  try {
    for (;;) {
      const next = await source.next();
      if (next.done) {
        complete = true;
        break;
      }
      yield keep(next.value);
    }
  } finally {
    // Stopped early: read the rest into the memo now (while it fits), then let the reader finish.
    while (!complete && batches !== undefined) {
      const next = await source.next();
      if (next.done) complete = true;
      else keep(next.value);
    }
    if (!complete) await source.return(undefined);
    if (complete && batches !== undefined) {
      memos.set(key, batches);
      memoBytes += bytes;
    }
    reading.delete(key);
  }
}
