import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  allocBatch,
  type EventFileMeta,
  importToFile,
  SCHEMA_VERSION,
  writeEventFile,
} from '../../src/data/index.ts';
import { execsim, ROOT } from './execsim-process.ts';

const AAPL = `${ROOT}test/fixtures/lobster/aapl/AAPL_2012-06-21_34200000_57600000_`;

let dir: string;
let aapl: string;
let flawed: string;

const meta: EventFileMeta = {
  schemaVersion: SCHEMA_VERSION,
  instrument: { venue: 'test', symbol: 'T', tickSize: '0.5', lotSize: '0.01' },
  provenance: { source: 'hand-made', inputs: [], importer: 'none', findings: { 'uncross-repair': 3 } },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'execsim-inspect-'));
  aapl = join(dir, 'aapl.parquet');
  await importToFile('lobster', [`${AAPL}message_10.csv`, `${AAPL}orderbook_10.csv`], aapl);
  // Row 3 goes back in time, row 4 has a NaN size, row 5 a negative size, rows 6 and 7 are off grid.
  const rows: [number, number, number, number, number][] = [
    [1_000, 3, 0, 0, 0],
    [1_000, 4, 1, 99.5, 1],
    [900, 1, 1, 99, 2],
    [1_100, 1, -1, 100, Number.NaN],
    [1_200, 2, 1, 100, -1],
    [1_300, 1, -1, 100.2, 1],
    [1_400, 1, -1, 100.5, 1.001],
    [1_500, 2, 1, 100.3, 0.5],
  ];
  const b = allocBatch(rows.length);
  rows.forEach(([ts, kind, side, price, size], i) => {
    b.tsExch[i] = ts;
    b.tsLocal[i] = ts;
    b.kind[i] = kind;
    b.side[i] = side;
    b.price[i] = price;
    b.size[i] = size;
  });
  b.length = rows.length;
  flawed = join(dir, 'flawed.parquet');
  await writeEventFile(flawed, meta, [b]);
});

describe('execsim data inspect', () => {
  it('summarises a real import: rows, kinds, span, instrument and findings', () => {
    const r = execsim('data', 'inspect', aapl, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.rows).toBe(1131);
    expect(s.kinds).toEqual({ DEPTH: 951, TRADE: 159, CLEAR: 1, SNAPSHOT: 20 });
    expect(s.span).toEqual({
      firstTsLocal: 1340285400004241,
      lastTsLocal: 1340285449086375,
      firstTsLocalIso: '2012-06-21T13:30:00.004241Z',
      lastTsLocalIso: '2012-06-21T13:30:49.086375Z',
      firstTsExch: 1340285400004241,
      lastTsExch: 1340285449086375,
      firstTsExchIso: '2012-06-21T13:30:00.004241Z',
      lastTsExchIso: '2012-06-21T13:30:49.086375Z',
    });
    expect(s.instrument).toMatchObject({ venue: 'nasdaq', symbol: 'AAPL', tickSize: '0.01', lotSize: '1' });
    expect(s.findings).toEqual({ 'hidden-execution': 61 });
    expect(s.scan).toEqual({});
  });

  it('counts unsorted time, NaN, negative sizes and off-grid depth rows, with the first row of each', () => {
    const r = execsim('data', 'inspect', flawed);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        flawed,
        '  instrument  test T: tick 0.5, lot 0.01, linear',
        '  rows        8 (DEPTH 4, TRADE 2, CLEAR 1, SNAPSHOT 1)',
        '  ts_local    1970-01-01T00:00:00.001000Z .. 1970-01-01T00:00:00.001500Z (1000 .. 1500 µs, 0.000500 s)',
        '  ts_exch     1970-01-01T00:00:00.001000Z .. 1970-01-01T00:00:00.001500Z (first and last rows)',
        '  source      hand-made via none, 0 input file(s)',
        '  findings    uncross-repair 3',
        '  scan        unsorted-time 1 (first row 3), nan 1 (first row 4), negative-size 1 (first row 5), off-grid-price 1 (first row 6), off-grid-size 1 (first row 7)',
        '',
      ].join('\n'),
    );
  });

  it('a file that is not market-event Parquet: one line, exit 2', () => {
    const r = execsim('data', 'inspect', join(ROOT, 'package.json'));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^execsim: .*package\.json: not-parquet: [^\n]*\n$/);
  });

  it('a path that names no file, a folder, or a glob DuckDB would match: one line, exit 2', () => {
    const glob = 'datasets/nasdaq/*/2012-06-21.parquet';
    for (const [args, line] of [
      [
        ['inspect', 'nope.parquet'],
        'nope.parquet: missing-file: no such file (name one market-event file; globs are not read)',
      ],
      [
        ['inspect', glob],
        `${glob}: missing-file: no such file (name one market-event file; globs are not read)`,
      ],
      [
        ['book', glob, '--at', '2012-06-21T14:00:00Z'],
        `${glob}: missing-file: no such file (name one market-event file; globs are not read)`,
      ],
      [['inspect', 'datasets'], 'datasets: missing-file: not a file'],
    ]) {
      const r = execsim('data', ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`execsim: ${line}\n`);
    }
  });
});
