import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EventBatch,
  generateEvents,
  readEvents,
  SCHEMA_VERSION,
  SYNTHETIC_INSTRUMENT,
  writeEventFile,
} from '../../src/data/index.ts';
import { memoizedEvents } from '../../src/scenario/dataset-memo.ts';

async function dayFile(dir: string, seed: string, events = 150_000): Promise<string> {
  const file = join(dir, 'day.parquet');
  await writeEventFile(
    file,
    {
      schemaVersion: SCHEMA_VERSION,
      instrument: SYNTHETIC_INSTRUMENT,
      provenance: { source: 'synthetic', inputs: [], importer: 'test', findings: {} },
    },
    generateEvents({ events, seed }),
  );
  return file;
}

async function all(it: AsyncIterable<EventBatch>): Promise<EventBatch[]> {
  const out: EventBatch[] = [];
  for await (const b of it) out.push(b);
  return out;
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
    const direct = await all(readEvents(file, { cache: false }));
    for await (const b of memoizedEvents(file)) {
      expect(b.length).toBeGreaterThan(0);
      break; // a cell whose window ends in the first batch
    }
    const first = await all(memoizedEvents(file));
    const second = await all(memoizedEvents(file));
    expect(prices(first)).toEqual(prices(direct));
    // Served from memory: the very same (read-only) batches.
    expect(second.length).toBe(first.length);
    for (let i = 0; i < second.length; i++) expect(second[i]).toBe(first[i]);
    // Shared with later cells, so no consumer may hand their memory back.
    for (const b of [...first, ...second]) expect(b.release).toBeUndefined();
  });

  it('reads a rewritten file again rather than answering with the old rows', async () => {
    const file = await dayFile(dir, 'memo-b');
    const before = prices(await all(memoizedEvents(file)));
    await new Promise((r) => setTimeout(r, 20));
    await dayFile(dir, 'memo-c');
    const after = prices(await all(memoizedEvents(file)));
    expect(after).toEqual(prices(await all(readEvents(file, { cache: false }))));
    expect(after).not.toEqual(before);
  });
});
