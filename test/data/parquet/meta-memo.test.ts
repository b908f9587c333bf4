import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  allocBatch,
  type EventFileMeta,
  readEventMeta,
  SCHEMA_VERSION,
  writeEventFile,
} from '../../../src/data/index.ts';

const meta = (symbol: string): EventFileMeta => ({
  schemaVersion: SCHEMA_VERSION,
  instrument: { venue: 'test', symbol, tickSize: '0.01', lotSize: '1' },
  provenance: { source: 'unit test', inputs: [], importer: 'none', findings: {} },
});

function rows(n: number) {
  const b = allocBatch(n);
  for (let i = 0; i < n; i++) {
    b.tsExch[i] = 1_000_000 + i;
    b.tsLocal[i] = 1_000_100 + i;
    b.kind[i] = 1;
    b.side[i] = 1;
    b.price[i] = 100;
    b.size[i] = 1;
  }
  b.length = n;
  return b;
}

describe('the metadata kept of a market-event file', () => {
  it('is read from the file once, then from the cache by the bytes’ sha256, and never for other bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-meta-'));
    const cache = join(dir, 'cache');
    const file = join(dir, 'day.parquet');
    await writeEventFile(file, meta('A'), [rows(10)]);
    expect(await readEventMeta(file, { cacheDir: cache })).toEqual({ meta: meta('A'), rows: 10 });
    const kept = await readdir(join(cache, 'meta'));
    expect(kept).toHaveLength(1);
    const memo = join(cache, 'meta', kept[0]);
    expect(JSON.parse(await readFile(memo, 'utf8'))).toEqual({ meta: meta('A'), rows: 10 });

    // The kept answer is what a second read returns (the file is not read through DuckDB again).
    await writeFile(memo, JSON.stringify({ meta: meta('A'), rows: 11 }));
    expect((await readEventMeta(file, { cacheDir: cache })).rows).toBe(11);

    // Other bytes at the same path are another key: their own metadata, not the kept one.
    await writeEventFile(file, meta('B'), [rows(20)]);
    expect(await readEventMeta(file, { cacheDir: cache })).toEqual({ meta: meta('B'), rows: 20 });
    expect(await readdir(join(cache, 'meta'))).toHaveLength(2);

    // Without the cache the file itself answers: a kept answer is neither read nor written.
    const keptNow = await readdir(join(cache, 'meta'));
    for (const f of keptNow)
      await writeFile(join(cache, 'meta', f), JSON.stringify({ meta: meta('B'), rows: 99 }));
    expect(await readEventMeta(file, { cache: false, cacheDir: cache })).toEqual({
      meta: meta('B'),
      rows: 20,
    });
    expect(await readdir(join(cache, 'meta'))).toEqual(keptNow);
  });

  it('of a file that is not there is an input error naming it, not the hash’s', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'execsim-meta-'));
    const none = join(dir, 'none.parquet');
    await expect(readEventMeta(none, { cacheDir: join(dir, 'cache') })).rejects.toMatchObject({
      rule: 'missing-file',
      message: `${none}: missing-file: no such file (name one market-event file; globs are not read)`,
    });
  });
});
