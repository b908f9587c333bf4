import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EventBatch, readEvents } from '../../src/data/index.ts';
import { memoizedEvents } from '../../src/scenario/dataset-memo.ts';
import { collect, writeSyntheticDay } from '../data/synthetic-day.ts';

function dayFile(dir: string, seed: string): Promise<string> {
  // One path for every seed: the rewrite test replaces the file in place.
  return writeSyntheticDay(join(dir, 'day.parquet'), 150_000, seed);
}

const prices = (bs: EventBatch[]) => bs.flatMap((b) => Array.from(b.price.subarray(0, b.length)));

const saved = process.env.EXECSIM_CACHE_DIR;
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'execsim-memo-'));
  process.env.EXECSIM_CACHE_DIR = join(dir, 'cache');
});
afterAll(() => {
  if (saved === undefined) delete process.env.EXECSIM_CACHE_DIR;
  else process.env.EXECSIM_CACHE_DIR = saved;
});

describe('dataset memo (rows kept across the cells of a process)', () => {
  it('gives the file rows; a reader that stops early still leaves the whole day for the next', async () => {
    const file = await dayFile(dir, 'memo-a');
    const direct = await collect(readEvents(file, { cache: false }));
    for await (const b of memoizedEvents(file)) {
      expect(b.length).toBeGreaterThan(0);
      break; // a cell whose window ends in the first batch
    }
    const first = await collect(memoizedEvents(file));
    const second = await collect(memoizedEvents(file));
    expect(prices(first)).toEqual(prices(direct));
    // Served from memory: the very same (read-only) batches.
    expect(second.length).toBe(first.length);
    for (let i = 0; i < second.length; i++) expect(second[i]).toBe(first[i]);
    // Shared with later cells, so no consumer may hand their memory back.
    for (const b of [...first, ...second]) expect(b.release).toBeUndefined();
  });

  it('reads a rewritten file again rather than answering with the old rows', async () => {
    const file = await dayFile(dir, 'memo-b');
    const before = prices(await collect(memoizedEvents(file)));
    await new Promise((r) => setTimeout(r, 20));
    await dayFile(dir, 'memo-c');
    const after = prices(await collect(memoizedEvents(file)));
    expect(after).toEqual(prices(await collect(readEvents(file, { cache: false }))));
    expect(after).not.toEqual(before);
  });
});
