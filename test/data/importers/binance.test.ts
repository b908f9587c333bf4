import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../../src/book/index.ts';
import { Instrument } from '../../../src/core/index.ts';
import { channel, rawLines } from './binance-raw.ts';
import { countKinds, FIXTURES, type ImportedRows, importRows, inputErrorOf } from './helpers.ts';

const B = `${FIXTURES}binance/`;
const USDM = `${B}usdm-btcusdt-20240808-head2000.gz`;
const SPOT1 = `${B}spot-btcusdt-20240808-lines1-1000.gz`;
const SPOT2 = `${B}spot-btcusdt-20240808-lines1001-2000.gz`;
const SPOT_NEXT_DAY = `${B}spot-btcusdt-20240809-head300.gz`;
const SPOT_ETH = `${B}spot-ethusdt-20240808-head300.gz`;
const COINM = `${B}coinm-btcusd_perp-20240808-head1500.gz`;

/**
 * Replays the import through the L2 book and, for every bookTicker whose update id u_b falls where
 * the depth stream's book is known exactly (after diff k, before diff k+1: u_k ≤ u_b < U_k+1),
 * compares the book's best bid/ask (price and size) with the ticker. Returns [compared, mismatched].
 */
function compareWithBookTicker(
  rows: ImportedRows,
  files: string[],
  instrument: Instrument,
): [number, number] {
  const lineKind = new Map<
    string,
    { kind: string; U?: number; u?: number; data?: Record<string, unknown> }
  >();
  const tickers: Record<string, unknown>[] = [];
  for (const file of files) {
    for (const r of rawLines(file)) {
      const c = channel(r);
      lineKind.set(`${file}:${r.line}`, { kind: c, U: r.json.data?.U, u: r.json.data?.u, data: r.json.data });
      if (c === 'bookTicker') tickers.push(r.json.data!);
    }
  }
  const book = new L2Book();
  const states: { U: number; u: number; bb: number; bbs: number; ba: number; bas: number }[] = [];
  let i = 0;
  for (const mark of rows.marks) {
    for (; i < mark.end; i++) {
      book.apply(
        rows.kind[i],
        rows.side[i],
        instrument.ticksOfDouble(rows.price[i]),
        instrument.lotsOfDouble(rows.size[i]),
      );
    }
    const info = lineKind.get(`${mark.where.file}:${mark.where.row}`)!;
    if (info.kind === 'depth') {
      states.push({
        U: info.U!,
        u: info.u!,
        bb: book.bestBid(),
        bbs: book.bids.bestSize(),
        ba: book.bestAsk(),
        bas: book.asks.bestSize(),
      });
    }
  }
  let compared = 0;
  let mismatched = 0;
  for (const t of tickers) {
    const ub = t.u as number;
    let lo = 0;
    let hi = states.length - 1;
    let k = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (states[mid].u <= ub) {
        k = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (k < 0 || k + 1 >= states.length || states[k + 1].U <= ub) continue;
    compared++;
    const s = states[k];
    const same =
      s.bb === instrument.priceToTicks(t.b as string) &&
      s.bbs === instrument.sizeToLots(t.B as string) &&
      s.ba === instrument.priceToTicks(t.a as string) &&
      s.bas === instrument.sizeToLots(t.A as string);
    if (!same) mismatched++;
  }
  return [compared, mismatched];
}

function instrumentOf(rows: ImportedRows): Instrument {
  return new Instrument(rows.source.meta.instrument);
}

describe('binance importer: USDⓈ-M BTCUSDT (first 2000 capture lines)', async () => {
  const rows = await importRows('binance', [USDM]);
  const raw = rawLines(USDM);

  it('uses the PROVENANCE grid for the instrument and names the market in the venue', () => {
    expect(rows.source.meta.instrument).toMatchObject({
      venue: 'binance-usdm',
      symbol: 'BTCUSDT',
      tickSize: '0.1',
      lotSize: '0.001',
      contractMultiplier: '1',
      kind: 'linear',
    });
  });

  it('emits the snapshot, the diffs from the snapshot on, every trade and every bookTicker', () => {
    const byChannel: Record<string, number> = {};
    for (const r of raw) byChannel[channel(r)] = (byChannel[channel(r)] ?? 0) + 1;
    expect(byChannel).toEqual({ depth: 169, snapshot: 1, trade: 347, bookTicker: 1483 });
    // Depth rows = the levels of every diff not dropped (u >= lastUpdateId), counted from the raw lines.
    const L = raw.find((r) => r.json.lastUpdateId !== undefined)!.json.lastUpdateId!;
    const levels = raw
      .filter((r) => channel(r) === 'depth' && (r.json.data!.u as number) >= L)
      .reduce((n, r) => n + (r.json.data!.b as unknown[]).length + (r.json.data!.a as unknown[]).length, 0);
    expect(levels).toBe(8621);
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 2000, DEPTH: 8621, TRADE: 347, BBO: 2 * 1483 });
    // Of the 4 + 2 diffs received before the snapshot, 4 end before lastUpdateId and are dropped.
    expect(rows.source.meta.provenance.findings).toEqual({
      'diff-before-snapshot': 4,
      'diff-released-at-snapshot': 2,
    });
    expect(rows.marks.length).toBe(raw.length - 4);
  });

  it('keeps receive order: ts_local never decreases and is the capture ns floored to µs', () => {
    for (let i = 1; i < rows.tsLocal.length; i++)
      expect(rows.tsLocal[i]).toBeGreaterThanOrEqual(rows.tsLocal[i - 1]);
    expect(rows.tsLocal[0]).toBe(1723161255088169); // line 2 (bookTicker): 1723161255088169167 ns
    expect(rows.tsExch[0]).toBe(1723161256313000); // its T
    expect(rows.tsLocal.at(-1)).toBe(Number(raw.at(-1)!.localNs.slice(0, -3)));
    // The capture clock ran ~1.27 s behind Binance: kept as recorded, not corrected.
    expect(rows.tsLocal[0] - rows.tsExch[0]).toBe(-1_224_831);
  });

  it('releases buffered diffs right after the snapshot, stamped with the snapshot receive time', () => {
    const snap = raw.find((r) => r.json.lastUpdateId !== undefined)!;
    const snapLocal = Number(snap.localNs.slice(0, -3));
    const clear = rows.kind.indexOf(3);
    const afterSnapshot = clear + 1 + 2000;
    expect(rows.kind[afterSnapshot]).toBe(1);
    expect(rows.tsLocal[clear]).toBe(snapLocal);
    expect(rows.tsLocal[afterSnapshot]).toBe(snapLocal);
    // The first released diff satisfies U <= lastUpdateId <= u (futures rule).
    const firstDiff = raw.find(
      (r) => channel(r) === 'depth' && (r.json.data!.u as number) >= snap.json.lastUpdateId!,
    )!;
    expect(firstDiff.json.data!.U).toBeLessThanOrEqual(snap.json.lastUpdateId!);
  });

  it('turns m (buyer is maker) into the aggressor side: m=true ⇒ seller-initiated ⇒ −1', () => {
    const trades = raw.filter((r) => channel(r) === 'trade').map((r) => r.json.data!);
    const sides = rows.side.filter((_, i) => rows.kind[i] === 2);
    expect(sides).toEqual(trades.map((t) => (t.m ? -1 : 1)));
    expect(sides.filter((s) => s === -1).length).toBeGreaterThan(0);
    expect(sides.filter((s) => s === 1).length).toBeGreaterThan(0);
  });

  it('rebuilds a book whose best bid/ask equal bookTicker at matching update ids', () => {
    const [compared, mismatched] = compareWithBookTicker(rows, [USDM], instrumentOf(rows));
    expect([compared, mismatched]).toEqual([16, 0]);
  });
});

describe('binance importer: spot BTCUSDT chained from two files', async () => {
  const rows = await importRows('binance', [SPOT1, SPOT2]);

  it('reads the two parts as one stream, identical to one file holding both (gzip members concatenated)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-binance-'));
    const both = join(dir, 'both.gz');
    writeFileSync(both, Buffer.concat([readFileSync(SPOT1), readFileSync(SPOT2)]));
    const one = await importRows('binance', [both]);
    expect(one.tsLocal).toEqual(rows.tsLocal);
    expect(one.tsExch).toEqual(rows.tsExch);
    expect(one.price).toEqual(rows.price);
    expect(one.size).toEqual(rows.size);
    expect(one.kind).toEqual(rows.kind);
    expect(rows.marks.at(-1)!.where).toEqual({ file: SPOT2, row: 1000 });
    expect(rows.source.meta.provenance.inputs.map((i) => i.file)).toEqual([SPOT1, SPOT2]);
  });

  it('uses the spot grid and the spot sequence rule, and carries exchange time to stamp-less messages', () => {
    expect(rows.source.meta.instrument).toMatchObject({
      venue: 'binance-spot',
      tickSize: '0.01',
      lotSize: '0.000001',
    });
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 2000, DEPTH: 5100, TRADE: 297, BBO: 3030 });
    expect(rows.source.meta.provenance.findings).toEqual({
      'diff-before-snapshot': 2,
      'diff-released-at-snapshot': 1,
      'exchange-time-carried': 1516,
    });
    // A bookTicker has no exchange time: it takes the greatest one received before it.
    const firstBbo = rows.kind.indexOf(5);
    expect(rows.tsExch[firstBbo]).toBe(1723161255308000); // E of the diff on line 2
  });

  it('rebuilds a book whose best bid/ask equal bookTicker where update ids line up', () => {
    const [compared, mismatched] = compareWithBookTicker(rows, [SPOT1, SPOT2], instrumentOf(rows));
    expect([compared, mismatched]).toEqual([21, 0]);
  });

  it('reports a real sequence gap (next-day file after an excerpt) with file, line and rule', async () => {
    const err = await inputErrorOf(() => importRows('binance', [SPOT1, SPOT2, SPOT_NEXT_DAY]));
    expect(err.rule).toBe('sequence-gap');
    expect(err.file).toBe(SPOT_NEXT_DAY);
    expect(err.row).toBe(1);
    expect(err.message).toContain('U=50093421585');
    expect(err.message).toContain('U == previous u + 1');
  });

  it('with --repair resync: counts the gap, clears the book and drops diffs until a snapshot', async () => {
    const repaired = await importRows('binance', [SPOT1, SPOT2, SPOT_NEXT_DAY], { repairs: ['resync'] });
    const nextDayDiffs = rawLines(SPOT_NEXT_DAY).filter((r) => channel(r) === 'depth').length;
    expect(repaired.source.meta.provenance.findings).toMatchObject({
      'sequence-gap': 1,
      'diff-dropped-awaiting-snapshot': nextDayDiffs,
    });
    expect(countKinds(repaired)).toMatchObject({ CLEAR: 2, DEPTH: 5100 });
    const clear2 = repaired.kind.lastIndexOf(3);
    expect(repaired.tsLocal[clear2]).toBe(Number(rawLines(SPOT_NEXT_DAY)[0].localNs.slice(0, -3)));
  });

  it('rejects files given out of order (local time goes back) naming the file and line', async () => {
    const err = await inputErrorOf(() => importRows('binance', [SPOT2, SPOT1]));
    expect(err).toMatchObject({ rule: 'unsorted-time', file: SPOT1, row: 1 });
  });

  it('needs the file with the snapshot: diffs alone are an error', async () => {
    const err = await inputErrorOf(() => importRows('binance', [SPOT2]));
    expect(err).toMatchObject({ rule: 'no-snapshot', file: SPOT2 });
  });
});

describe('binance importer: spot ETHUSDT, a diff ending exactly at lastUpdateId', async () => {
  const rows = await importRows('binance', [SPOT_ETH]);
  const raw = rawLines(SPOT_ETH);

  it('drops the diff with u = L (spot rule: drop u <= L) and applies the next one (U = L + 1)', () => {
    const snapAt = raw.findIndex((r) => r.json.lastUpdateId !== undefined);
    const L = raw[snapAt].json.lastUpdateId!;
    const before = raw.slice(0, snapAt).filter((r) => channel(r) === 'depth');
    expect(before.at(-1)!.json.data!.u).toBe(L);
    const after = raw.slice(snapAt).find((r) => channel(r) === 'depth')!;
    expect(after.json.data!.U).toBe(L + 1);
    expect(rows.source.meta.provenance.findings['diff-before-snapshot']).toBe(before.length);
  });

  it('stamps a bookTicker received before any exchange time with the first one received after it', () => {
    expect(channel(raw[0])).toBe('bookTicker');
    expect(rows.source.meta.provenance.findings['exchange-time-from-next']).toBe(1);
    const firstStamp = raw.find((r) => r.json.data?.E !== undefined)!.json.data!;
    expect(rows.tsExch[0]).toBe(((firstStamp.T ?? firstStamp.E) as number) * 1000);
  });

  it('uses the observed ETH spot lot of 0.00002', () => {
    expect(rows.source.meta.instrument.lotSize).toBe('0.00002');
    const inst = instrumentOf(rows);
    expect(rows.size.every((s) => Number.isInteger(inst.lotsOfDouble(s)))).toBe(true);
  });
});

describe('binance importer: COIN-M BTCUSD_PERP (inverse)', async () => {
  const rows = await importRows('binance', [COINM]);

  it('describes an inverse contract of 100 USD, sizes in whole contracts', () => {
    expect(rows.source.meta.instrument).toEqual({
      venue: 'binance-coinm',
      symbol: 'BTCUSD_PERP',
      tickSize: '0.1',
      lotSize: '1',
      contractMultiplier: '100',
      kind: 'inverse',
      quoteCurrency: 'USD',
      baseCurrency: 'BTC',
    });
    expect(rows.size.every((s) => Number.isInteger(s))).toBe(true);
    const inst = instrumentOf(rows);
    // 10 contracts of 100 USD at 61800.0 are 1000/61800 BTC.
    expect(inst.notional(618000, 10).toFixed(8)).toBe('0.01618123');
  });

  it('applies the futures sequence rule across all diffs and matches bookTicker', () => {
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 2000, DEPTH: 6796, TRADE: 33, BBO: 2 * 673 });
    const [compared, mismatched] = compareWithBookTicker(rows, [COINM], instrumentOf(rows));
    expect([compared, mismatched]).toEqual([42, 0]);
  });

  it('lets flags override the defaults (venue, symbol, multiplier)', async () => {
    const r = await importRows('binance', [COINM], {
      venue: 'bn',
      symbol: 'X',
      multiplier: '10',
      lotSize: '1',
    });
    expect(r.source.meta.instrument).toMatchObject({
      venue: 'bn',
      symbol: 'X',
      contractMultiplier: '10',
      kind: 'inverse',
    });
  });

  it('rejects a tick the prices are not on (off-grid names file and line)', async () => {
    const err = await inputErrorOf(() => importRows('binance', [COINM], { tickSize: '1' }));
    expect(err.rule).toBe('off-grid');
    expect(err.file).toBe(COINM);
    // Lines 1–3 are depth diffs, held until the snapshot; line 4, the first bookTicker, is checked first.
    expect(err.row).toBe(4);
    expect(err.message).toBe(
      `${COINM}:row 4: off-grid: price 61804.7 has more decimals than the grid (0) allows`,
    );
  });
});
