import { mkdtemp, readdir, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentSha256, type EventBatch, fileSha256, readEvents } from '../../../src/data/index.ts';
import { collect, writeSyntheticDay } from '../synthetic-day.ts';

const COLUMNS = ['tsExch', 'tsLocal', 'kind', 'side', 'price', 'size'] as const;

function dayFile(dir: string, events: number, seed: string): Promise<string> {
  return writeSyntheticDay(join(dir, `${seed}.parquet`), events, seed);
}

function column(batches: EventBatch[], key: (typeof COLUMNS)[number]): Float64Array {
  const out = new Float64Array(batches.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of batches) {
    out.set(b[key].subarray(0, b.length), at);
    at += b.length;
  }
  return out;
}

/** Rows where two columns differ (NaN equals NaN), or -1 when the lengths differ. */
function differences(a: Float64Array, b: Float64Array): number {
  if (a.length !== b.length) return -1;
  let n = 0;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) n++;
  return n;
}

const savedEnv = process.env.EXECSIM_CACHE_DIR;
afterEach(() => {
  if (savedEnv === undefined) delete process.env.EXECSIM_CACHE_DIR;
  else process.env.EXECSIM_CACHE_DIR = savedEnv;
});

/** Waits a few ticks of the file system's coarse clock, so a file written next is newer by its times. */
function fileTimesTick(): Promise<void> {
  return new Promise((r) => setTimeout(r, 30));
}

/** Cache entries and temp files, leaving out the `hashes/` memo folder. */
async function entries(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((f) => f !== 'hashes');
}

/**
 * Reads `stream` holding every batch; after the n-th batch, when `handBackAt(n)`, checks the held
 * batches against `want` and hands them back (twice: twice is once). The rest are held to the end
 * and checked then, so a buffer filled again while held would show. Batches read, distinct buffers.
 */
async function holdAndHandBack(
  stream: AsyncIterable<EventBatch>,
  want: Float64Array,
  handBackAt: (n: number) => boolean,
): Promise<{ batches: number; buffers: number }> {
  const buffers = new Set<ArrayBufferLike>();
  const held: { b: EventBatch; at: number }[] = [];
  let at = 0;
  let batches = 0;
  const check = ({ b, at: from }: { b: EventBatch; at: number }) =>
    expect(differences(b.price.slice(0, b.length), want.subarray(from, from + b.length))).toBe(0);
  for await (const b of stream) {
    buffers.add(b.price.buffer);
    batches++;
    held.push({ b, at });
    at += b.length;
    if (handBackAt(batches)) {
      for (const h of held.splice(0)) {
        check(h);
        h.b.release?.();
        h.b.release?.();
      }
    }
  }
  for (const h of held) check(h);
  expect(at).toBe(want.length);
  return { batches, buffers: buffers.size };
}

describe('Arrow IPC cache', () => {
  it('a hit returns the same rows as Parquet, as views of the IPC buffers, from an entry named by sha256', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 70_000, 'hit');
    const parquet = await collect(readEvents(file, { cache: false }));
    const cold = await collect(readEvents(file, { cacheDir }));
    expect(await entries(cacheDir)).toEqual([`${await fileSha256(file)}.arrows`]);
    const warm = await collect(readEvents(file, { cacheDir }));
    for (const key of COLUMNS) {
      const expected = column(parquet, key);
      expect(differences(column(cold, key), expected)).toBe(0);
      expect(differences(column(warm, key), expected)).toBe(0);
    }
    expect(warm.reduce((n, b) => n + b.length, 0)).toBe(70_000);
    // Zero copy: every column of a warm batch is a view of the one buffer its IPC message was read into.
    for (const b of warm) {
      for (const key of COLUMNS) expect(b[key].buffer).toBe(b.tsExch.buffer);
    }
  });

  it('is found through EXECSIM_CACHE_DIR, and a changed file gets a new entry, never the old rows', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    process.env.EXECSIM_CACHE_DIR = join(dir, 'env-cache');
    const file = await dayFile(dir, 5_000, 'same-name');
    const first = await collect(readEvents(file));
    await writeSyntheticDay(file, 5_000, 'other');
    const second = await collect(readEvents(file));
    expect(await entries(join(dir, 'env-cache'))).toHaveLength(2);
    expect(column(second, 'price')).toEqual(
      column(await collect(readEvents(file, { cache: false })), 'price'),
    );
    expect(column(second, 'price')).not.toEqual(column(first, 'price'));
  });

  it('remembers the hash against the file identity; any rewrite of the file is hashed again', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 5_000, 'memo');
    expect(await contentSha256(file, cacheDir)).toBe(await fileSha256(file));
    const memos = await readdir(join(cacheDir, 'hashes'));
    expect(memos).toHaveLength(1);
    // The memo is what is trusted for an unchanged old file (a planted wrong hash shows it): with
    // the default 2 s margin a file changed just now is never taken from a memo; with none, one
    // changed before the memo was written is.
    const memoPath = join(cacheDir, 'hashes', memos[0]);
    const memo = JSON.parse(await readFile(memoPath, 'utf8'));
    await fileTimesTick();
    await writeFile(memoPath, JSON.stringify({ ...memo, sha256: 'not-the-hash' }));
    expect(await contentSha256(file, cacheDir, 0n)).toBe('not-the-hash');
    expect(await contentSha256(file, cacheDir)).toBe(await fileSha256(file));
    // Hashing again replaced the memo, and what this process had trusted with it.
    expect(JSON.parse(await readFile(memoPath, 'utf8')).sha256).toBe(await fileSha256(file));
    expect(await contentSha256(file, cacheDir, 0n)).toBe(await fileSha256(file));
    // …and any rewrite, even of the same bytes with the old times put back, changes the identity.
    await writeFile(file, await readFile(file));
    await utimes(file, 1_700_000_000, 1_700_000_000);
    expect(await contentSha256(file, cacheDir, 0n)).toBe(await fileSha256(file));
  });

  it('once a memo is trusted, knows the hash without reading it again until the file changes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 5_000, 'trusted');
    const sha = await fileSha256(file);
    // File times tick coarsely: the memo is written a few ticks after the file, as when trusted.
    await fileTimesTick();
    await contentSha256(file, cacheDir);
    const memoPath = join(cacheDir, 'hashes', (await readdir(join(cacheDir, 'hashes')))[0]);
    expect(await contentSha256(file, cacheDir, 0n)).toBe(sha);
    // Trusted now: neither a planted hash nor a missing memo is read, and nothing is hashed or
    // written again.
    await writeFile(memoPath, JSON.stringify({ identity: 'x', sha256: 'not-the-hash' }));
    expect(await contentSha256(file, cacheDir, 0n)).toBe(sha);
    await rm(memoPath);
    expect(await contentSha256(file, cacheDir, 0n)).toBe(sha);
    expect(await readdir(join(cacheDir, 'hashes'))).toEqual([]);
    // The margin still holds: a caller asking for an hour is not answered from a memo this new, so
    // the file is hashed and the memo written again.
    expect(await contentSha256(file, cacheDir, 3_600_000_000_000n)).toBe(sha);
    expect(await readdir(join(cacheDir, 'hashes'))).toHaveLength(1);
    // A changed file is hashed again, never answered from what was trusted.
    await writeFile(file, 'other bytes');
    expect(await contentSha256(file, cacheDir, 0n)).toBe(await fileSha256(file));
    expect(await fileSha256(file)).not.toBe(sha);
  });

  it('a path now naming another file, older than the memo, is not answered from what was trusted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    // Two files of the same size, both last changed before any memo is written.
    const a = join(dir, 'a.bin');
    const b = join(dir, 'b.bin');
    await writeFile(a, 'aaaa');
    await writeFile(b, 'bbbb');
    const link = join(dir, 'day.bin');
    await symlink(a, link);
    await fileTimesTick();
    await contentSha256(link, cacheDir);
    await fileTimesTick();
    expect(await contentSha256(link, cacheDir, 0n)).toBe(await fileSha256(a));
    // The link now names b: same size, changed before the memo, but another inode.
    await rm(link);
    await symlink(b, link);
    expect(await contentSha256(link, cacheDir, 0n)).toBe(await fileSha256(b));
    expect(await fileSha256(b)).not.toBe(await fileSha256(a));
  });

  it('a hash trusted through one cache folder still gives the other folder its memo', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const file = await dayFile(dir, 5_000, 'two-caches');
    await fileTimesTick();
    await contentSha256(file, join(dir, 'one'));
    await fileTimesTick();
    await contentSha256(file, join(dir, 'one'), 0n);
    expect(await contentSha256(file, join(dir, 'two'), 0n)).toBe(await fileSha256(file));
    expect(await readdir(join(dir, 'two', 'hashes'))).toHaveLength(1);
  });

  it('a read stopped part-way leaves no entry and no temp file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 100_000, 'stopped');
    for await (const b of readEvents(file, { cacheDir, batchRows: 10_000 })) {
      expect(b.length).toBe(10_000);
      break;
    }
    expect(await entries(cacheDir)).toEqual([]);
    const again = await collect(readEvents(file, { cacheDir }));
    expect(again.reduce((n, b) => n + b.length, 0)).toBe(100_000);
    expect(await entries(cacheDir)).toHaveLength(1);
  });

  it('reads into the memory of batches handed back, never into one still held', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 600_000, 'recycle');
    const want = column(await collect(readEvents(file, { cache: false })), 'price');
    await collect(readEvents(file, { cacheDir }));
    // The first four batches handed back together, the rest held to the end.
    const { batches, buffers } = await holdAndHandBack(readEvents(file, { cacheDir }), want, (n) => n === 4);
    // 600,000 rows in cached batches of 65,536: 10. Batches 5–8 take the four handed back; 9 and
    // 10 find none free and get their own: 6 buffers.
    expect(batches).toBe(10);
    expect(buffers).toBe(6);
  });

  it('decodes Parquet into the memory of batches handed back, never into one still held', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const file = await dayFile(dir, 600_000, 'recycle-parquet');
    const want = column(await collect(readEvents(file, { cache: false })), 'price');
    // The first six batches handed back three at a time, the rest held to the end.
    const { batches, buffers } = await holdAndHandBack(
      readEvents(file, { cache: false, batchRows: 50_000 }),
      want,
      (n) => n <= 6 && n % 3 === 0,
    );
    // Batches 4–6 reuse 1–3, 7–9 reuse them again once 4–6 are handed back; 10–12 are new: 6.
    expect(batches).toBe(12);
    expect(buffers).toBe(6);
  });

  it('passes a first read on without release(): the cache writer still holds its columns', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 200_000, 'write-through');
    const want = column(await collect(readEvents(file, { cache: false })), 'price');
    const first = await collect(readEvents(file, { cacheDir }));
    for (const b of first) expect(b.release).toBeUndefined();
    expect(differences(column(await collect(readEvents(file, { cacheDir })), 'price'), want)).toBe(0);
  });

  it('refuses an entry that is not one it wrote, or one cut short, naming the entry', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const cacheDir = join(dir, 'cache');
    const file = await dayFile(dir, 140_000, 'broken');
    await collect(readEvents(file, { cacheDir }));
    const entry = join(cacheDir, `${await fileSha256(file)}.arrows`);
    const bytes = await readFile(entry);
    await writeFile(entry, bytes.subarray(0, bytes.length - 100_000));
    await expect(collect(readEvents(file, { cacheDir }))).rejects.toThrow(
      `${entry}: not an execsim cache entry (a message cut short)`,
    );
    await writeFile(entry, 'not arrow at all');
    await expect(collect(readEvents(file, { cacheDir }))).rejects.toThrow(
      /not an execsim cache entry \(an IPC message without its marker\)/,
    );
  });

  it('reads without a cache when the cache folder cannot be made', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-cache-'));
    const file = await dayFile(dir, 3_000, 'no-cache');
    await writeFile(join(dir, 'blocker'), 'a file where the cache folder would go');
    const rows = await collect(readEvents(file, { cacheDir: join(dir, 'blocker', 'cache') }));
    expect(rows.reduce((n, b) => n + b.length, 0)).toBe(3_000);
  });
});
