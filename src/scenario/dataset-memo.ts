import {
  batchWithLength,
  contentSha256,
  defaultCacheDir,
  type EventBatch,
  readEvents,
} from '../data/index.ts';

/** Decoded rows a process keeps in memory across cells, over all files. */
const MEMO_BYTES = 256 * 2 ** 20;
/** Bytes of one row in a batch: two times, kind, side, price, size. */
const ROW_BYTES = 8 + 8 + 1 + 1 + 8 + 8;

/** Whole files' rows by content hash. */
const memos = new Map<string, EventBatch[]>();
/** Files too large to keep, and files being read into a memo now. */
const skipped = new Set<string>();
const reading = new Set<string>();
let memoBytes = 0;

/**
 * The rows of a file already kept in memory, with their content hash; undefined until a read
 * through memoizedEvents has kept them (or when the file is past the memory budget).
 */
export async function keptBatches(
  path: string,
): Promise<{ key: string; batches: readonly EventBatch[] } | undefined> {
  const key = await contentSha256(path, defaultCacheDir());
  const batches = memos.get(key);
  return batches === undefined ? undefined : { key, batches };
}

/**
 * The rows of a market-event file, kept in memory for the next cell of this process: the cells of
 * a sweep replay the same day from its first row, each up to its window, so the day is decoded
 * (or read from its cache) once per process instead of once per cell. The first reader reads the
 * whole file even when it stops early, so the file's reader always finishes. Keyed by the file's
 * content hash, so a rewritten file is read again; files past the memory budget are not kept.
 * Batches are read-only and shared.
 */
export async function* memoizedEvents(path: string): AsyncGenerator<EventBatch> {
  const key = await contentSha256(path, defaultCacheDir());
  const hit = memos.get(key);
  if (hit !== undefined) {
    yield* hit;
    return;
  }
  if (skipped.has(key) || reading.has(key)) {
    yield* readEvents(path);
    return;
  }
  reading.add(key);
  const source = readEvents(path);
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
