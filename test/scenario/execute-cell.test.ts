import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Decimal } from 'decimal.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EventBatch, readEvents } from '../../src/data/index.ts';
import { analyzeCells } from '../../src/scenario/analyze.ts';
import { executeCell as defaultExecutor } from '../../src/scenario/execute-cell.ts';
import {
  type CellRecord,
  CellStore,
  cellAt,
  collectResults,
  loadScenario,
  type Plan,
  planScenario,
  runCells,
  writeResults,
} from '../../src/scenario/index.ts';
import { executeCell } from './fixtures/market-order-executor.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const EXECUTOR = `${ROOT}test/scenario/fixtures/market-order-executor.ts`;

interface Ev {
  ts: number;
  tsExch: number;
  event: string;
  price?: string;
  size?: string;
  leaves?: string;
  fee?: string;
  liquidity?: string;
}

let plan: Plan;
let records: CellRecord[];

beforeAll(async () => {
  plan = await planScenario(loadScenario('test/scenario/fixtures/market.yaml'));
  records = [];
  for (let i = 0; i < plan.cellCount; i++) records.push(await executeCell(plan, cellAt(plan, i)));
});

describe('simulator executor (one market order per window on AAPL)', () => {
  it('sends the order at the window start and hears back after entry + response latency', () => {
    for (const r of records) {
      const parent = r.record.parent as { startUs: number };
      const events = r.record.events as unknown as Ev[];
      expect((r.record.requests as { ts: number }[])[0].ts).toBe(parent.startUs);
      expect(events[0]).toMatchObject({
        event: 'accepted',
        tsExch: parent.startUs + 100,
        ts: parent.startUs + 300,
      });
    }
  });

  it('walks the book best-first as taker, conserves size, and charges 2 bps on each fill', () => {
    let walked = 0;
    for (const r of records) {
      const parent = r.record.parent as { side: number; size: string };
      const events = r.record.events as unknown as Ev[];
      const fills = events.filter((e) => e.event === 'fill');
      expect(fills.length).toBeGreaterThan(0);
      let filled = 0;
      let fees = new Decimal(0);
      for (const [i, f] of fills.entries()) {
        expect(f.liquidity).toBe('taker');
        expect(new Decimal(f.fee ?? '').toString()).toBe(
          new Decimal(f.price ?? '')
            .mul(f.size ?? '')
            .mul(2)
            .div(10_000)
            .toString(),
        );
        if (i > 0) {
          expect(parent.side * (Number(f.price) - Number(fills[i - 1].price))).toBeGreaterThan(0);
          walked++;
        }
        filled += Number(f.size);
        expect(Number(f.leaves)).toBe(Number((r.record.children as { size: string }[])[0].size) - filled);
        fees = fees.plus(f.fee ?? '0');
      }
      expect(r.record.filled).toBe(String(filled));
      expect(r.record.fees).toBe(fees.toString());
      const arrival = Number((r.record.market as { arrivalMid: string }).arrivalMid);
      // A buy's first fill is at or above the arrival mid, a sell's at or below.
      expect(parent.side * (Number(fills[0].price) - arrival)).toBeGreaterThan(0);
    }
    // Some orders were larger than the touch, so the walk was seen, not only assumed.
    expect(walked).toBeGreaterThan(0);
  });

  it('pins the first cell: 182 shares bought at 585.68, fee 21.318752', () => {
    const fills = (records[0].record.events as unknown as Ev[]).filter((e) => e.event === 'fill');
    expect(fills.map((f) => [f.price, f.size, f.fee])).toEqual([['585.6800', '182', '21.318752']]);
    expect(records[0].record.market).toEqual({
      arrivalMid: '585.5800',
      endMid: '585.4700',
      trades: 18,
      volume: '912',
      vwap: '585.5415',
    });
  });

  it('hands the record to TCA: shortfall = (fill − arrival mid)/arrival + fee, paired on window and seed', async () => {
    const [a] = await analyzeCells(plan, records);
    expect(a.order).toMatchObject({
      id: 'w0/MKT/s1',
      strategy: 'MKT',
      window: 'w0/s1',
      side: 1,
    });
    expect(a.arrivalPrice.toString()).toBe('585.58');
    expect(a.fillRatio.toString()).toBe('1');
    // 182 × (585.68 − 585.58) = 18.20 trading + 21.318752 fee, over 182 × 585.58 = 106,575.56.
    const expected = new Decimal('18.2').plus('21.318752').div('106575.56').mul(10_000);
    expect(a.shortfall.totalBps.toFixed(10)).toBe(expected.toFixed(10));
  });

  it('gives the same results bytes in this thread and on 2 workers', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-exec-'));
    try {
      await runCells(plan, { out: join(dir, 'a'), executor: EXECUTOR });
      await runCells(plan, { out: join(dir, 'b'), executor: EXECUTOR, workers: 2 });
      const a = await writeResults(join(dir, 'a'), collectResults(plan, new CellStore(join(dir, 'a'))));
      const b = await writeResults(join(dir, 'b'), collectResults(plan, new CellStore(join(dir, 'b'))));
      expect(readFileSync(a, 'utf8')).toBe(readFileSync(b, 'utf8'));
      expect(JSON.parse(readFileSync(a, 'utf8')).cells[0].record).toEqual(records[0].record);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the default executor runs the execution layer algorithm and records its outcome', async () => {
    const aggressive = await defaultExecutor(plan, cellAt(plan, 0));
    const outcome = aggressive.record.outcome as { strategy: string; status: string; children: number };
    expect(outcome).toMatchObject({ strategy: 'AGGRESSIVE', status: 'filled' });
    const events = aggressive.record.events as unknown as Ev[];
    const filled = events.filter((e) => e.event === 'fill').reduce((a, e) => a + Number(e.size), 0);
    expect(String(filled)).toBe((aggressive.record.parent as { size: string }).size);
    expect(outcome.children).toBe((aggressive.record.children as unknown[]).length);
  });

  it('turns a bad strategy parameter into an input error naming the strategy', async () => {
    const bad = { ...cellAt(plan, 0), params: { slices: -1 } };
    await expect(
      defaultExecutor(plan, { ...bad, variant: { ...bad.variant, name: 'TWAP' } }),
    ).rejects.toThrow(/bad-strategy: TWAP: parameter slices must be a number in \[1, 10000\], got -1/);
  });
});

describe('the replay a cell reports', () => {
  it('counts the rows fed and those the exchange applied at a clamped time, from the first row or a kept start', async () => {
    const btc = await planScenario(loadScenario('scenarios/btcusdt-futures.yaml'));
    const ds = btc.datasets[0].ref;
    const batches: EventBatch[] = [];
    for await (const b of readEvents(ds.kind === 'file' ? ds.path : '')) batches.push(b);
    // The kernel's rule (docs/venue.md): applied at min(ts_exch, ts_local), never before the row
    // before; each row moved by either is one clamped row. Fed: rows to 1 s past the window's end.
    const expected = (stopUs: number) => {
      let rows = 0;
      let clamped = 0;
      let last = Number.NEGATIVE_INFINITY;
      for (const b of batches)
        for (let i = 0; i < b.length; i++) {
          if (b.tsLocal[i] > stopUs) return { clampedRows: clamped, rows };
          let t = b.tsExch[i];
          if (t > b.tsLocal[i]) {
            t = b.tsLocal[i];
            clamped++;
          }
          if (t < last) {
            t = last;
            clamped++;
          }
          last = t;
          rows++;
        }
      return { clampedRows: clamped, rows };
    };
    // The first cell replays the day from its first row; the last, once the rows are kept, from a
    // start just before its window: the same counts either way.
    for (const i of [0, btc.cellCount - 1]) {
      const cell = cellAt(btc, i);
      const r = await defaultExecutor(btc, cell);
      const want = expected(cell.window.endUs + 1_000_000);
      expect(want.clampedRows).toBeGreaterThan(1000); // the capture clock runs behind Binance's
      expect(r.record.replay).toEqual(want);
    }
  });
});
