import type { Instrument } from '../core/index.ts';
import type { EventBatch } from '../data/index.ts';
import { type Kernel, ReplayStarts } from '../sim/index.ts';
import { keptBatches } from './dataset-memo.ts';
import type { DatasetRef } from './load.ts';
import { openEvents } from './market-source.ts';

/** Replay starts over each kept dataset on this thread, by memo key and grid (the latest few). */
const starts = new Map<string, ReplayStarts>();
const MAX_FILES = 4;

/**
 * The rows a cell's kernel is fed, from its dataset's first row as far as anyone can tell: once the
 * dataset's rows are kept in memory, when nothing watches the replay before the kernel's first queued
 * work (the strategy's start), the kernel starts from the book just before it and is fed the
 * rows from there — the same run, without replaying (or generating) the day up to each window again.
 */
export async function replaySource(
  ref: DatasetRef,
  instrument: Instrument,
  kernel: Kernel,
): Promise<AsyncIterable<EventBatch> | Iterable<EventBatch>> {
  // Not kept yet (a thread's first cell): this cell replays from the first row, and keeps them.
  const kept = await keptBatches(ref);
  if (kept === undefined) return openEvents(ref);
  const quietUntil = kernel.quietUntil();
  if (quietUntil === Number.NEGATIVE_INFINITY) return kept.batches;
  const key = `${kept.key}/${instrument.tick}/${instrument.lot}`;
  let s = starts.get(key);
  if (s === undefined) {
    s = new ReplayStarts(kept.batches, instrument.tick, instrument.lot);
    if (starts.size >= MAX_FILES) starts.delete(starts.keys().next().value ?? '');
    starts.set(key, s);
  }
  const start = s.before(quietUntil);
  if (start.row === 0) return kept.batches;
  kernel.startFrom(start);
  return s.rowsFrom(start.row);
}
