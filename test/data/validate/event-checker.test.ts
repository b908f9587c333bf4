import { describe, expect, it } from 'vitest';
import { Instrument } from '../../../src/core/index.ts';
import {
  allocBatch,
  EventChecker,
  type EventRow,
  Findings,
  gridOf,
  validateEventBatches,
} from '../../../src/data/index.ts';

const inst = new Instrument({ venue: 'v', symbol: 's', tickSize: '0.5', lotSize: '1' });
const grid = gridOf(inst, 2); // prices in cents: tick = 50 units

// Half-unit lots: sizes in tenths, lot = 5 units.
const halfLot = new Instrument({ venue: 'v', symbol: 's', tickSize: '0.5', lotSize: '0.5' });

function run(
  groups: EventRow[][],
  options: { uncross?: boolean; subTick?: boolean; grid?: ReturnType<typeof gridOf> } = {},
) {
  const out: EventRow[] = [];
  const findings = new Findings();
  const checker = new EventChecker(
    { push: (r) => out.push({ ...r }) },
    {
      grid: options.grid ?? grid,
      findings,
      repairs: new Set(options.uncross ? (['uncross'] as const) : []),
      allowSubTickTrades: options.subTick,
    },
  );
  groups.forEach((rows, g) => {
    checker.begin({ file: 'in.csv', row: g + 2 });
    for (const r of rows) checker.row(r);
    checker.end();
  });
  return { out, findings: findings.toRecord() };
}

const r = (t: number, kind: number, side: number, price: number, size: number): EventRow => ({
  tsExch: t,
  tsLocal: t,
  kind,
  side,
  price,
  size,
});
const snapshot = [
  r(1, 3, 0, 0, 0),
  r(1, 4, 1, 10000, 5),
  r(1, 4, 1, 9950, 4),
  r(1, 4, -1, 10050, 1),
  r(1, 4, -1, 10100, 2),
];

describe('EventChecker', () => {
  it('passes a clean stream through unchanged', () => {
    const { out, findings } = run([snapshot, [r(2, 1, 1, 10000, 7)], [r(3, 2, -1, 10000, 1)]]);
    expect(out.length).toBe(7);
    expect(findings).toEqual({});
  });

  it('rejects local time going back, naming the group', () => {
    expect(() => run([snapshot, [r(0, 2, 1, 10000, 1)]])).toThrow(
      "in.csv:row 3: unsorted-time: local time 1970-01-01T00:00:00.000000Z is before the previous row's 1970-01-01T00:00:00.000001Z",
    );
  });

  it('rejects NaN and negative sizes, off-grid prices and sizes', () => {
    expect(() => run([[r(1, 2, 1, 10000, Number.NaN)]])).toThrow(/row 2: not-a-number/);
    expect(() => run([[r(1, 1, 1, 10000, -1)]])).toThrow(/row 2: negative-size: size -1 is negative/);
    expect(() => run([[r(1, 1, 1, 10010, 1)]])).toThrow(
      /off-grid: price 100.1 is not a multiple of the tick 0.5/,
    );
    expect(() => run([[r(1, 2, 1, 10010, 1)]])).toThrow(/off-grid/);
    expect(() => run([[r(1, 1, 0, 10000, 1)]])).toThrow(/bad-side/);
  });

  it('rejects a price of 0 or below on every priced kind as bad-price, naming the row', () => {
    expect(() => run([snapshot, [r(2, 1, 1, 0, 1)]])).toThrow(
      'in.csv:row 3: bad-price: price 0.0 is not positive',
    );
    // A deletion (size 0) at price 0 is no exception.
    expect(() => run([snapshot, [r(2, 1, -1, 0, 0)]])).toThrow('in.csv:row 3: bad-price');
    expect(() => run([[r(1, 2, 1, 0, 1)]])).toThrow('in.csv:row 2: bad-price: price 0.0 is not positive');
    expect(() => run([[r(1, 2, -1, 0, 1)]], { subTick: true })).toThrow('in.csv:row 2: bad-price');
    expect(() => run([[r(1, 3, 0, 0, 0), r(1, 4, 1, 0, 1)]])).toThrow('in.csv:row 2: bad-price');
    expect(() => run([[r(1, 5, -1, 0, 1)]])).toThrow('in.csv:row 2: bad-price');
    expect(() => run([[r(1, 1, 1, -50, 1)]])).toThrow('in.csv:row 2: bad-price: price -0.5 is not positive');
  });

  it('rejects sizes off the lot grid as off-grid, naming the row; multiples of the lot pass', () => {
    const g = gridOf(halfLot, 2); // lot 0.5 = 5 units of 0.1
    expect(g.lotUnits).toBe(5);
    const lots = snapshot.map((x) => ({ ...x, size: x.size * 5 }));
    expect(run([lots, [r(2, 1, 1, 10000, 15)], [r(3, 2, 1, 10000, 5)]], { grid: g }).findings).toEqual({});
    expect(() => run([lots, [r(2, 1, 1, 10000, 7)]], { grid: g })).toThrow(
      'in.csv:row 3: off-grid: size 0.7 is not a multiple of the lot 0.5',
    );
    expect(() => run([[r(1, 2, 1, 10000, 12)]], { grid: g })).toThrow(
      'in.csv:row 2: off-grid: size 1.2 is not a multiple of the lot 0.5',
    );
    // A tolerated sub-tick trade price does not excuse an off-grid size.
    expect(() => run([[r(1, 2, 1, 10010, 7)]], { grid: g, subTick: true })).toThrow(
      'in.csv:row 2: off-grid: size 0.7 is not a multiple of the lot 0.5',
    );
  });

  it('allows sub-tick trades when asked, counting them; never sub-tick book rows', () => {
    expect(run([[r(1, 2, 1, 10010, 1)]], { subTick: true }).findings).toEqual({ 'sub-tick-trade': 1 });
    expect(() => run([[r(1, 1, 1, 10010, 1)]], { subTick: true })).toThrow(/off-grid/);
  });

  it('checks crossing at the end of a group, not inside it (one message may move both sides)', () => {
    // Bid moves to 100.50 and the ask at 100.50 goes away in the same message: fine.
    const { out } = run([snapshot, [r(2, 1, 1, 10050, 3), r(2, 1, -1, 10050, 0)]]);
    expect(out.length).toBe(7);
  });

  it('reports a crossed book after a snapshot with time, prices and the repair to use', () => {
    expect(() => run([snapshot, [r(2, 1, 1, 10100, 3)]])).toThrow(
      'in.csv:row 3: crossed-book: best bid 101.0 >= best ask 100.5 at 1970-01-01T00:00:00.000002Z (repair: --repair uncross)',
    );
  });

  it('uncross deletes the older crossed levels with explicit DEPTH 0 rows, counted', () => {
    const { out, findings } = run([snapshot, [r(2, 1, 1, 10100, 3)]], { uncross: true });
    expect(findings).toEqual({ 'crossed-book': 1, 'uncross-removed-level': 2 });
    expect(out.slice(6)).toEqual([r(2, 1, -1, 10050, 0), r(2, 1, -1, 10100, 0)]);
  });

  it('uncross removes a stale bid when a newer ask crosses it', () => {
    const { out } = run([snapshot, [r(2, 1, -1, 9950, 3)]], { uncross: true });
    expect(out.slice(6)).toEqual([r(2, 1, 1, 10000, 0), r(2, 1, 1, 9950, 0)]);
  });

  it('CLEAR side 0 empties both sides: a new snapshot wholly above or below the old book is not crossed', () => {
    // Up: the new bid 102.00 is above the old asks 100.50/101.00 (crossed unless the asks went).
    const up = run([snapshot, [r(2, 3, 0, 0, 0), r(2, 4, 1, 10200, 1), r(2, 4, -1, 10250, 1)]]);
    expect(up.out.length).toBe(8);
    expect(up.findings).toEqual({});
    // Down: the new ask 98.50 is below the old bids 100.00/99.50 (crossed unless the bids went).
    const down = run([snapshot, [r(2, 3, 0, 0, 0), r(2, 4, 1, 9800, 1), r(2, 4, -1, 9850, 1)]]);
    expect(down.out.length).toBe(8);
    expect(down.findings).toEqual({});
  });

  it('a one-sided CLEAR keeps the other side: a new level crossing it is crossed-book, naming the row', () => {
    // CLEAR +1 empties the bids only; the new bid 101.00 crosses the kept ask 100.50.
    expect(() => run([snapshot, [r(2, 3, 1, 0, 0), r(2, 4, 1, 10100, 1)]])).toThrow(
      'in.csv:row 3: crossed-book: best bid 101.0 >= best ask 100.5 at 1970-01-01T00:00:00.000002Z',
    );
    // CLEAR -1 empties the asks only; the new ask 99.50 crosses the kept bid 100.00.
    expect(() => run([snapshot, [r(2, 3, -1, 0, 0), r(2, 4, -1, 9950, 1)]])).toThrow(
      'in.csv:row 3: crossed-book: best bid 100.0 >= best ask 99.5 at 1970-01-01T00:00:00.000002Z',
    );
    // ... and the cleared side really is gone: a bid above the old asks after CLEAR -1 is fine.
    expect(run([snapshot, [r(2, 3, -1, 0, 0), r(2, 4, 1, 10100, 1)]]).out.length).toBe(7);
    expect(run([snapshot, [r(2, 3, 1, 0, 0), r(2, 4, -1, 9950, 1)]]).out.length).toBe(7);
  });

  it('does not check crossing before the first snapshot', () => {
    expect(run([[r(1, 1, 1, 10100, 1), r(1, 1, -1, 10000, 1)]]).out.length).toBe(2);
  });
});

describe('validateEventBatches (rows read back from a file)', () => {
  function batchOf(rows: EventRow[]) {
    const b = allocBatch(rows.length);
    rows.forEach((x, i) => {
      b.tsExch[i] = x.tsExch;
      b.tsLocal[i] = x.tsLocal;
      b.kind[i] = x.kind;
      b.side[i] = x.side;
      b.price[i] = x.price / 100;
      b.size[i] = x.size;
    });
    b.length = rows.length;
    return b;
  }

  it('counts rows and findings of a clean file', async () => {
    const res = await validateEventBatches([batchOf([...snapshot, r(2, 2, 1, 10025, 1)])], inst, {
      file: 'x.parquet',
    });
    expect(res).toEqual({ rows: 6, findings: { 'sub-tick-trade': 1 } });
  });

  it('names the 1-based row of the file for row errors', async () => {
    await expect(
      validateEventBatches([batchOf([...snapshot, r(2, 1, 1, 10010, 1)])], inst, { file: 'x.parquet' }),
    ).rejects.toThrow('x.parquet:row 6: off-grid');
    await expect(
      validateEventBatches([batchOf([...snapshot, r(0, 1, 1, 10000, 1)])], inst, { file: 'x.parquet' }),
    ).rejects.toThrow('x.parquet:row 6: unsorted-time');
    await expect(
      validateEventBatches([batchOf([...snapshot, r(2, 1, 1, 0, 1)])], inst, { file: 'x.parquet' }),
    ).rejects.toThrow('x.parquet:row 6: bad-price: price 0.0 is not positive');
  });

  it('names the row of a size off the lot grid', async () => {
    // Sizes as stored: 1.5 lots of 0.5 is on the grid, 0.7 is not.
    const b = batchOf([...snapshot, r(2, 1, 1, 10000, 1), r(3, 1, 1, 10000, 1)]);
    b.size[5] = 1.5;
    b.size[6] = 0.7;
    await expect(validateEventBatches([b], halfLot, { file: 'x.parquet' })).rejects.toThrow(
      'x.parquet:row 7: off-grid: size 0.7 is not a multiple of the lot 0.5',
    );
  });
});
