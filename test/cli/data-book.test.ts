import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookAt, bookView } from '../../src/cli/data-book.ts';
import {
  allocBatch,
  type EventFileMeta,
  importToFile,
  SCHEMA_VERSION,
  writeEventFile,
} from '../../src/data/index.ts';
import { execsim, ROOT } from './execsim-process.ts';

const AAPL = `${ROOT}test/fixtures/lobster/aapl/AAPL_2012-06-21_34200000_57600000_`;
/** 2012-06-21 00:00 in New York (EDT), µs since the epoch. */
const NY_MIDNIGHT_US = 1_340_251_200_000_000;

let dir: string;
let aapl: string;
let small: string;

const meta: EventFileMeta = {
  schemaVersion: SCHEMA_VERSION,
  instrument: { venue: 'test', symbol: 'T', tickSize: '0.5', lotSize: '0.01' },
  provenance: { source: 'unit test', inputs: [], importer: 'none', findings: {} },
};

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'execsim-book-'));
  aapl = join(dir, 'aapl.parquet');
  await importToFile('lobster', [`${AAPL}message_10.csv`, `${AAPL}orderbook_10.csv`], aapl);
  // ts_local: CLEAR+snapshot at 100, a depth change at 200, a trade at 250, a deletion at 300.
  const rows: [number, number, number, number, number][] = [
    [100, 3, 0, 0, 0],
    [100, 4, 1, 99.5, 1.25],
    [100, 4, 1, 99, 3],
    [100, 4, -1, 100.5, 0.5],
    [100, 4, -1, 101, 2],
    [200, 1, 1, 99.5, 0.75],
    [250, 2, 1, 100.5, 0.5],
    [300, 1, -1, 100.5, 0],
  ];
  const b = allocBatch(rows.length);
  rows.forEach(([ts, kind, side, price, size], i) => {
    b.tsExch[i] = ts - 10;
    b.tsLocal[i] = ts;
    b.kind[i] = kind;
    b.side[i] = side;
    b.price[i] = price;
    b.size[i] = size;
  });
  b.length = rows.length;
  small = join(dir, 'small.parquet');
  await writeEventFile(small, meta, [b]);
});

describe('execsim data book', () => {
  it('replays rows with ts_local <= TS and prints decimal strings, best first', () => {
    const r = execsim('data', 'book', small, '--at', '200', '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      ts: 200,
      bids: [
        ['99.5', '0.75'],
        ['99.0', '3.00'],
      ],
      asks: [
        ['100.5', '0.50'],
        ['101.0', '2.00'],
      ],
    });
  });

  it('takes ISO times and --depth, and prints a table without --json', () => {
    const r = execsim('data', 'book', small, '--at', '1970-01-01T00:00:00.000300Z', '--depth', '1');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      [
        'test T as of 1970-01-01T00:00:00.000300Z (300 µs)',
        'bid size           bid  |  ask           ask size',
        '    0.75          99.5  |  101.0         2.00',
        '',
      ].join('\n'),
    );
  });

  it('equals the LOBSTER orderbook file after messages of the real AAPL excerpt', async () => {
    const messages = readFileSync(`${AAPL}message_10.csv`, 'utf8').trim().split('\n');
    const books = readFileSync(`${AAPL}orderbook_10.csv`, 'utf8').trim().split('\n');
    const micros = (secs: string) => {
      const [whole, frac = ''] = secs.split('.');
      return NY_MIDNIGHT_US + Number(whole) * 1_000_000 + Number(`${frac}000000`.slice(0, 6));
    };
    const price = (p: string) => (Number(p) / 10_000).toFixed(2);
    let compared = 0;
    for (let i = 100; i < messages.length - 1; i += 97) {
      // The book after the last message of a timestamp: skip ahead to it.
      let j = i;
      while (j + 1 < messages.length && messages[j + 1].split(',')[0] === messages[j].split(',')[0]) j++;
      const ts = micros(messages[j].split(',')[0]);
      const cols = books[j].split(',');
      const expected = { ts, bids: [] as string[][], asks: [] as string[][] };
      for (let l = 0; l < 5; l++) {
        expected.asks.push([price(cols[4 * l]), cols[4 * l + 1]]);
        expected.bids.push([price(cols[4 * l + 2]), cols[4 * l + 3]]);
      }
      const { book, inst } = await bookAt(aapl, ts);
      expect(bookView(book, inst, ts, 5)).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(8);
  });

  it('bad input: one line on stderr, exit 2', () => {
    const noFile = execsim('data', 'book', join(dir, 'missing.parquet'), '--at', '1');
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/^execsim: .*missing\.parquet: missing-file: no such file [^\n]*\n$/);
    const badDepth = execsim('data', 'book', small, '--at', '1', '--depth', '0');
    expect(badDepth.code).toBe(2);
    expect(badDepth.stderr).toBe('execsim: bad-option: --depth must be a positive integer, got 0\n');
  });
});
