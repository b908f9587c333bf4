import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { allocBatch, type EventBatch, generateEvents, readEvents } from '../../src/data/index.ts';
import { keptBatches, memoizedEvents, shareKeptRows } from '../../src/scenario/dataset-memo.ts';
import { ReplayStarts } from '../../src/sim/index.ts';
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
    for await (const b of memoizedEvents({ kind: 'file', path: file })) {
      expect(b.length).toBeGreaterThan(0);
      break; // a cell whose window ends in the first batch
    }
    const first = await collect(memoizedEvents({ kind: 'file', path: file }));
    const second = await collect(memoizedEvents({ kind: 'file', path: file }));
    expect(prices(first)).toEqual(prices(direct));
    // Served from memory: the very same (read-only) batches.
    expect(second.length).toBe(first.length);
    for (let i = 0; i < second.length; i++) expect(second[i]).toBe(first[i]);
    // Shared with later cells, so no consumer may hand their memory back.
    for (const b of [...first, ...second]) expect(b.release).toBeUndefined();
  });

  it('keeps a synthetic day once generated: the same rows, then the same batches, per options', async () => {
    const ref = { kind: 'synthetic', events: 40_000, seed: 'memo-syn' } as const;
    expect(await keptBatches(ref)).toBeUndefined();
    const generated = prices([...generateEvents({ events: 40_000, seed: 'memo-syn' })]);
    const first = await collect(memoizedEvents(ref));
    expect(prices(first)).toEqual(generated);
    const kept = await keptBatches(ref);
    expect(kept?.batches).toEqual(first);
    const second = await collect(memoizedEvents(ref));
    expect(first.length).toBeGreaterThan(0);
    expect(second.length).toBe(first.length);
    for (let i = 0; i < second.length; i++) expect(second[i]).toBe(first[i]);
    // Other options are another day, not the kept one.
    const other = await collect(memoizedEvents({ ...ref, startPrice: 30_000 }));
    expect(prices(other)).toEqual(
      prices([...generateEvents({ events: 40_000, seed: 'memo-syn', startPrice: 30_000 })]),
    );
    expect(prices(other)).not.toEqual(generated);
  });

  it('moves kept rows into shared memory for pool threads, which start with them', async () => {
    const ref = { kind: 'synthetic', events: 30_000, seed: 'memo-shared' } as const;
    const before = prices(await collect(memoizedEvents(ref)));
    const rows = shareKeptRows().find((r) => r.key.includes('memo-shared'));
    if (rows === undefined) throw new Error('the kept day was not shared');
    expect(rows.bytes).toBe(30_000 * 34);
    for (const b of rows.batches) expect(b.price.buffer).toBeInstanceOf(SharedArrayBuffer);
    // This thread now reads the shared copies: the same rows.
    const after = await collect(memoizedEvents(ref));
    expect(prices(after)).toEqual(before);
    expect(after[0].price.buffer).toBe(rows.batches[0].price.buffer);
    // A thread of its own (a fresh module) adopts them: the same memory, not a copy, nothing generated.
    vi.resetModules();
    const fresh = await import('../../src/scenario/dataset-memo.ts');
    expect(await fresh.keptBatches(ref)).toBeUndefined();
    fresh.adoptSharedRows([structuredClone(rows)]);
    const adopted = await fresh.keptBatches(ref);
    expect(adopted?.batches.map((b) => b.length)).toEqual(rows.batches.map((b) => b.length));
    expect(prices([...(adopted?.batches ?? [])])).toEqual(before);
    // structuredClone shares a SharedArrayBuffer, as postMessage does: a write shows through.
    const first = adopted?.batches[0];
    if (first === undefined) throw new Error('nothing adopted');
    const kept = first.size[5];
    first.size[5] = -1;
    expect(rows.batches[0].size[5]).toBe(-1);
    first.size[5] = kept;
  });

  it('reads a rewritten file again rather than answering with the old rows', async () => {
    const file = await dayFile(dir, 'memo-b');
    const before = prices(await collect(memoizedEvents({ kind: 'file', path: file })));
    await new Promise((r) => setTimeout(r, 20));
    await dayFile(dir, 'memo-c');
    const after = prices(await collect(memoizedEvents({ kind: 'file', path: file })));
    expect(after).toEqual(prices(await collect(readEvents(file, { cache: false }))));
    expect(after).not.toEqual(before);
  });

  it('hands out batches of one shape: from Parquet, the Arrow cache, the memo and replay starts', async () => {
    // The kernel's row loops are optimised for the batches they meet; batches built by spreads or
    // literals of other member orders are other hidden classes, and cost recompilations.
    const file = await dayFile(dir, 'memo-shape');
    const shape = Object.keys(allocBatch(1));
    expect(shape).toEqual(['length', 'tsExch', 'tsLocal', 'kind', 'side', 'price', 'size', 'release']);
    const parquet = await collect(readEvents(file, { cache: false }));
    const cached = await collect(readEvents(file));
    const again = await collect(readEvents(file));
    const kept = await collect(memoizedEvents({ kind: 'file', path: file }));
    shareKeptRows();
    const shared = await collect(memoizedEvents({ kind: 'file', path: file }));
    expect(shared[0].price.buffer).toBeInstanceOf(SharedArrayBuffer);
    const starts = new ReplayStarts(kept, 0.01, 1);
    const from = [...starts.rowsFrom(kept[0].length + 3)];
    for (const b of [...parquet, ...cached, ...again, ...kept, ...shared, ...from])
      expect(Object.keys(b)).toEqual(shape);
    expect(from[0].length).toBe(kept[1].length - 3);
  });
});
