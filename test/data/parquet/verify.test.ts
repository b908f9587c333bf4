import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EventFileMeta,
  EventKind,
  SCHEMA_VERSION,
  verifyEventFile,
  writeEventFile,
} from '../../../src/data/index.ts';
import { batchOf } from '../../venue/harness.ts';

const { DEPTH, TRADE, CLEAR, SNAPSHOT } = EventKind;
const meta: EventFileMeta = {
  schemaVersion: SCHEMA_VERSION,
  instrument: { venue: 'test', symbol: 'V', tickSize: '0.01', lotSize: '0.1' },
  provenance: { source: 'unit test', inputs: [], importer: 'none', findings: {} },
};
type Row = [tsLocal: number, kind: number, side: number, price: number, size: number];
/** A snapshot (bid 100.00 × 1, ask 100.02 × 1), a depth update and a trade between the ticks. */
const GOOD: Row[] = [
  [10, CLEAR, 0, 0, 0],
  [10, SNAPSHOT, 1, 100, 1],
  [10, SNAPSHOT, -1, 100.02, 1],
  [20, DEPTH, 1, 100.01, 0.5],
  [30, TRADE, -1, 100.005, 0.2],
];

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'execsim-verify-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Writes rows as they are: the writer checks only the times are whole µs. */
async function fileOf(name: string, rows: Row[]): Promise<string> {
  const path = join(dir, `${name}.parquet`);
  await writeEventFile(path, meta, [batchOf(rows.map(([t, k, s, p, q]) => [t, t, k, s, p, q]))]);
  return path;
}

describe('verifyEventFile', () => {
  it('passes a good file, counting a trade between ticks, and remembers it by its bytes', async () => {
    const cacheDir = join(dir, 'cache-good');
    const file = await fileOf('good', GOOD);
    expect(await verifyEventFile(file, { cacheDir })).toEqual({ rows: 5, findings: { 'sub-tick-trade': 1 } });
    const kept = await readdir(join(cacheDir, 'verified'));
    expect(kept).toHaveLength(1);
    // Named by the bytes and the grid they were checked on.
    expect(kept[0]).toMatch(/^v2-[0-9a-f]{64}-0\.01-0\.1\.json$/);
    // The next check of the same bytes is the memo: a stand-in put there is what comes back.
    await writeFile(join(cacheDir, 'verified', kept[0]), '{"rows":7,"findings":{}}\n');
    expect(await verifyEventFile(file, { cacheDir })).toEqual({ rows: 7, findings: {} });
    // Without the cache the rows are read again (not the stand-in), and nothing more is kept.
    expect(await verifyEventFile(file, { cache: false, cacheDir })).toEqual({
      rows: 5,
      findings: { 'sub-tick-trade': 1 },
    });
    expect(await readdir(join(cacheDir, 'verified'))).toEqual(kept);
    // Other bytes at the same path are checked afresh: the memo names the old bytes only.
    const rewritten = await fileOf('good', [...GOOD, [40, DEPTH, 1, 100.015, 1]]);
    await expect(verifyEventFile(rewritten, { cacheDir })).rejects.toThrow(
      `${file}:row 6: off-grid: price 100.015 is not a multiple of the tick 0.01`,
    );
  });

  const cases: [string, Row[], string][] = [
    [
      'nan-size',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.01, Number.NaN]],
      'row 4: not-a-number: price 100.01 or size NaN is not a number',
    ],
    [
      'negative-size',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.01, -1]],
      'row 4: negative-size: size -1.0 is negative',
    ],
    [
      'unsorted',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.01, 1], [15, DEPTH, 1, 100.01, 2]],
      "row 5: unsorted-time: local time 1970-01-01T00:00:00.000015Z is before the previous row's 1970-01-01T00:00:00.000020Z",
    ],
    [
      'off-grid-price',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.015, 1]],
      'row 4: off-grid: price 100.015 is not a multiple of the tick 0.01',
    ],
    [
      'off-grid-size',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.01, 0.25]],
      'row 4: off-grid: size 0.25 has more decimals than the grid allows',
    ],
    [
      'crossed',
      [GOOD[0], GOOD[1], GOOD[2], [20, DEPTH, 1, 100.03, 1]],
      'row 4: crossed-book: best bid 100.03 >= best ask 100.02 at 1970-01-01T00:00:00.000020Z (import the raw data again with --repair uncross)',
    ],
    ['bad-side', [GOOD[0], GOOD[1], [10, SNAPSHOT, 0, 100.02, 1]], 'row 3: bad-side: side 0 is not -1 or +1'],
  ];
  for (const [name, rows, want] of cases) {
    it(`refuses ${name} with file, row and rule, and remembers nothing`, async () => {
      const cacheDir = join(dir, `cache-${name}`);
      const file = await fileOf(name, rows);
      await expect(verifyEventFile(file, { cacheDir })).rejects.toThrow(`${file}:${want}`);
      expect(existsSync(join(cacheDir, 'verified'))).toBe(false);
      await expect(verifyEventFile(file, { cacheDir })).rejects.toThrow(`${file}:${want}`);
    });
  }

  it('names the row after which a group of one local time left the book crossed', async () => {
    const file = await fileOf('crossed-late', [
      ...GOOD.slice(0, 3),
      [20, DEPTH, 1, 100.01, 1],
      [20, DEPTH, -1, 100.05, 1],
      [20, DEPTH, 1, 100.02, 2], // bid 100.02 against the ask 100.02: locked, so crossed
      [30, DEPTH, -1, 100.02, 0],
    ]);
    await expect(verifyEventFile(file, { cache: false })).rejects.toThrow(
      `${file}:row 6: crossed-book: best bid 100.02 >= best ask 100.02`,
    );
  });

  it('checks the rows on the grid they are replayed on when a scenario overrides it', async () => {
    const cacheDir = join(dir, 'cache-override');
    const file = await fileOf('override', GOOD);
    const coarser = { ...meta.instrument, tickSize: '0.02' };
    await expect(verifyEventFile(file, { cacheDir, instrument: coarser })).rejects.toThrow(
      `${file}:row 4: off-grid: price 100.01 is not a multiple of the tick 0.02`,
    );
    // On the file's own grid the same bytes are good, remembered under that grid only.
    await verifyEventFile(file, { cacheDir });
    expect(await readdir(join(cacheDir, 'verified'))).toEqual([expect.stringMatching(/-0\.01-0\.1\.json$/)]);
    await expect(verifyEventFile(file, { cacheDir, instrument: coarser })).rejects.toThrow('off-grid');
  });

  it('keeps its memo beside the other cache entries, as JSON of what it found', async () => {
    const cacheDir = join(dir, 'cache-json');
    await verifyEventFile(await fileOf('json', GOOD), { cacheDir });
    const [name] = await readdir(join(cacheDir, 'verified'));
    expect(JSON.parse(await readFile(join(cacheDir, 'verified', name), 'utf8'))).toEqual({
      rows: 5,
      findings: { 'sub-tick-trade': 1 },
    });
  });
});
