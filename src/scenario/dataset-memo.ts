import { canonicalJson } from '../core/index.ts';
import {
  batchWithLength,
  contentSha256,
  defaultCacheDir,
  type EventBatch,
  generateEvents,
  makeBatch,
  readEvents,
} from '../data/index.ts';
import type { DatasetRef } from './load.ts';

/**
 * Decoded rows a thread keeps in memory across cells, over all datasets. A pool's threads share
 * the main thread's (shareKeptRows), so this is what a sweep's process holds, whatever its
 * workers: four generated 2 M-row days fit.
 */
const MEMO_BYTES = 512 * 2 ** 20;
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

/** A dataset's kept rows in shared memory, as a pool hands them to its threads. */
export interface SharedRows {
  key: string;
  bytes: number;
  /** Columns over SharedArrayBuffers (structured clone shares them, it does not copy). */
  batches: Omit<EventBatch, 'release'>[];
}

/** Which kept datasets are in shared memory already (their rows moved there once). */
const shared = new Map<string, SharedRows>();

/**
 * Every dataset this thread keeps, moved into shared memory, for a pool to hand its threads: they
 * start with the rows the main thread read (or generated) while planning, instead of each reading
 * the day again in its first cell and holding its own copy.
 */
export function shareKeptRows(): SharedRows[] {
  for (const [key, batches] of memos) {
    if (shared.has(key)) continue;
    const copies = batches.map(sharedCopy);
    memos.set(key, copies);
    let bytes = 0;
    for (const b of copies) bytes += b.length * ROW_BYTES;
    shared.set(key, { key, bytes, batches: copies.map(({ release: _, ...columns }) => columns) });
  }
  return [...shared.values()];
}

/** A pool thread's start: the main thread's kept rows become this thread's, counted in its budget. */
export function adoptSharedRows(rows: readonly SharedRows[]): void {
  for (const r of rows) {
    if (memos.has(r.key)) continue;
    memos.set(
      r.key,
      r.batches.map((b) => makeBatch(b.length, b.tsExch, b.tsLocal, b.kind, b.side, b.price, b.size)),
    );
    memoBytes += r.bytes;
  }
}

/** One batch's rows copied into one SharedArrayBuffer: the four 8-byte columns, then the two 1-byte ones. */
function sharedCopy(b: EventBatch): EventBatch {
  const n = b.length;
  const buf = new SharedArrayBuffer(n * ROW_BYTES);
  const f64 = (i: number, from: Float64Array) => {
    const a = new Float64Array(buf, i * 8 * n, n);
    a.set(from.subarray(0, n));
    return a;
  };
  const kind = new Uint8Array(buf, 32 * n, n);
  kind.set(b.kind.subarray(0, n));
  const side = new Int8Array(buf, 33 * n, n);
  side.set(b.side.subarray(0, n));
  return makeBatch(n, f64(0, b.tsExch), f64(1, b.tsLocal), kind, side, f64(2, b.price), f64(3, b.size));
}
