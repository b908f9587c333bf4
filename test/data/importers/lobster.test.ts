import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../../src/book/index.ts';
import { formatTime } from '../../../src/core/index.ts';
import { countKinds, FIXTURES, type ImportedRows, importRows } from './helpers.ts';

const AAPL = `${FIXTURES}lobster/aapl/AAPL_2012-06-21_34200000_57600000_`;
const AMZN_HEAD = `${FIXTURES}lobster/amzn-head/AMZN_2012-06-21_34200000_57600000_`;
const AMZN_TAIL = `${FIXTURES}lobster/amzn-tail/AMZN_2012-06-21_34200000_57600000_`;

/** Orderbook-file rows parsed independently of the importer: [price, size] best first, in ticks. */
function orderbookRows(file: string): { bids: [number, number][]; asks: [number, number][] }[] {
  const lines = readFileSync(file, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l !== '');
  const data = /^-?\d/.test(lines[0]) ? lines : lines.slice(1);
  return data.map((line) => {
    const f = line.split(',').map(Number);
    const bids: [number, number][] = [];
    const asks: [number, number][] = [];
    for (let k = 0; k < f.length / 4; k++) {
      if (f[4 * k] < 9_999_999_999) asks.push([f[4 * k] / 100, f[4 * k + 1]]);
      if (f[4 * k + 2] > -9_999_999_999) bids.push([f[4 * k + 2] / 100, f[4 * k + 3]]);
    }
    return { bids, asks };
  });
}

/** Replays the rows through the L2 book and compares its top levels with every orderbook row. */
function expectBookMatchesAfterEveryMessage(rows: ImportedRows, orderbook: string, depth: number): number {
  const expected = orderbookRows(orderbook);
  expect(rows.marks.length).toBe(expected.length);
  const book = new L2Book();
  let i = 0;
  let mismatches = 0;
  rows.marks.forEach((mark, m) => {
    for (; i < mark.end; i++) {
      book.apply(rows.kind[i], rows.side[i], Math.round(rows.price[i] * 100), rows.size[i]);
    }
    const view = book.view(depth);
    const want = expected[m];
    if (
      JSON.stringify(view.bids) !== JSON.stringify(want.bids) ||
      JSON.stringify(view.asks) !== JSON.stringify(want.asks)
    ) {
      mismatches++;
    }
  });
  return mismatches;
}

describe('lobster importer: AAPL level 10 (999 messages)', async () => {
  const rows = await importRows('lobster', [`${AAPL}message_10.csv`, `${AAPL}orderbook_10.csv`]);

  it('rebuilds a book whose top 10 levels equal the orderbook file after every one of the 999 messages', () => {
    expect(expectBookMatchesAfterEveryMessage(rows, `${AAPL}orderbook_10.csv`, 10)).toBe(0);
  });

  it('takes instrument, day and times from the files (EDT midnight + seconds, ts_local = ts_exch)', () => {
    const meta = rows.source.meta;
    expect(meta.instrument).toMatchObject({
      venue: 'nasdaq',
      symbol: 'AAPL',
      tickSize: '0.01',
      lotSize: '1',
    });
    expect(rows.tsExch[0]).toBe(1340285400004241); // 34200.004241176 s after 2012-06-21 00:00 EDT
    expect(formatTime(rows.tsExch[0])).toBe('2012-06-21T13:30:00.004241Z');
    expect(formatTime(rows.tsExch.at(-1)!)).toBe('2012-06-21T13:30:49.086375Z');
    expect(rows.tsLocal).toEqual(rows.tsExch);
  });

  it('emits one snapshot of row 1, depth changes, and a trade per execution (98 visible + 61 hidden)', () => {
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 20, DEPTH: 951, TRADE: 159 });
    expect(rows.marks.length).toBe(999);
    expect(rows.source.meta.provenance.findings).toEqual({ 'hidden-execution': 61 });
    expect(rows.source.meta.provenance.inputs.map((i) => i.sha256)).toEqual([
      '2e2c9733b3bc831e38b66e9324afc3b8167ba67a556e9a133c4c2060963a8976',
      '277aba2634356baa2f355598ffa7ae124abc60670ea4a56dc66b617bae33a12d',
    ]);
  });

  it('gives trades the aggressor side: an execution of a sell order (direction -1) is a buy', () => {
    const lines = readFileSync(`${AAPL}message_10.csv`, 'utf8').split('\n');
    const execs = lines.map((l) => l.split(',')).filter((f) => f[1] === '4' || f[1] === '5');
    const trades = rows.kind.flatMap((k, i) => (k === 2 ? [i] : []));
    expect(trades.length).toBe(execs.length);
    trades.forEach((row, j) => {
      expect(rows.side[row]).toBe(-Number(execs[j][5]));
      expect(rows.size[row]).toBe(Number(execs[j][3]));
      expect(Math.round(rows.price[row] * 10000)).toBe(Number(execs[j][4]));
    });
  });
});

describe('lobster importer: AMZN level 1 (header, CRLF, rounded times)', async () => {
  const head = await importRows('lobster', [`${AMZN_HEAD}message_1.csv`, `${AMZN_HEAD}orderbook_1.csv`]);
  const tail = await importRows('lobster', [`${AMZN_TAIL}orderbook_1.csv`, `${AMZN_TAIL}message_1.csv`]);

  it('matches the best bid and ask of the orderbook file after each of the first 3000 and last 1000 messages', () => {
    expect(expectBookMatchesAfterEveryMessage(head, `${AMZN_HEAD}orderbook_1.csv`, 1)).toBe(0);
    expect(expectBookMatchesAfterEveryMessage(tail, `${AMZN_TAIL}orderbook_1.csv`, 1)).toBe(0);
  });

  it('keeps a level pushed out of the 1-level window (it was not deleted) until the window shows it again', () => {
    // Replay and find a moment when the best bid improved by a new order: the old best is kept.
    const book = new L2Book();
    let i = 0;
    let kept = 0;
    for (const mark of head.marks) {
      const before = book.bestBid();
      for (; i < mark.end; i++) {
        book.apply(head.kind[i], head.side[i], Math.round(head.price[i] * 100), head.size[i]);
      }
      if (book.bestBid() > before && book.bids.sizeAt(before) > 0) kept++;
    }
    expect(kept).toBeGreaterThan(100);
  });

  it('allows hidden executions between ticks (half pennies) on trade rows only, counted', () => {
    expect(head.source.meta.provenance.findings).toEqual({ 'hidden-execution': 229, 'sub-tick-trade': 4 });
    const halfPennies = head.price.filter(
      (p, i) => head.kind[i] === 2 && Math.abs(p * 100 - Math.round(p * 100)) > 1e-6,
    );
    expect(halfPennies).toEqual([223.795, 224.075, 223.695, 223.695]);
  });

  it('times are EDT midnight + the rounded seconds; the day ends at 15:59:59.95936', () => {
    expect(head.tsExch[0]).toBe(1340285400017460);
    expect(formatTime(tail.tsExch.at(-1)!)).toBe('2012-06-21T19:59:59.959360Z');
    expect(countKinds(head)).toMatchObject({ CLEAR: 1, SNAPSHOT: 2, TRADE: 415 + 229 });
  });
});

describe('lobster importer: halts, cross trades and a winter date (hand-made level-2 file)', async () => {
  const dir = `${FIXTURES}lobster/halt/TEST_2012-12-21_34200000_57600000_`;
  const rows = await importRows('lobster', [`${dir}message_2.csv`, `${dir}orderbook_2.csv`]);

  it('counts halt messages, keeps the book, and makes a cross trade a TRADE with side 0', () => {
    expect(rows.source.meta.provenance.findings).toEqual({
      'cross-trade': 1,
      halt: 1,
      'quoting-resumed': 1,
      'trading-resumed': 1,
    });
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 1, DEPTH: 2, TRADE: 2 });
    expect(expectBookMatchesAfterEveryMessage(rows, `${dir}orderbook_2.csv`, 2)).toBe(0);
    const trades = rows.kind.flatMap((k, i) =>
      k === 2 ? [[rows.side[i], rows.price[i], rows.size[i]]] : [],
    );
    expect(trades).toEqual([
      [1, 223.82, 50],
      [0, 223.82, 1000],
    ]);
  });

  it('uses EST (UTC−5) for a December date and drops digits below the µs', () => {
    expect(formatTime(rows.tsExch[0])).toBe('2012-12-21T14:30:00.100000Z');
    expect(formatTime(rows.tsExch.at(-1)!)).toBe('2012-12-21T15:10:00.400000Z');
  });

  it('--date and --symbol override the file name', async () => {
    const other = await importRows('lobster', [`${dir}message_2.csv`, `${dir}orderbook_2.csv`], {
      date: '2012-06-21',
      symbol: 'XYZ',
    });
    expect(formatTime(other.tsExch[0])).toBe('2012-06-21T13:30:00.100000Z');
    expect(other.source.meta.instrument.symbol).toBe('XYZ');
  });
});
