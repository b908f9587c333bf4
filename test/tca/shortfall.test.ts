import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Instrument } from '../../src/core/index.ts';
import { allocBatch, EventKind } from '../../src/data/index.ts';
import {
  type AnalysisSettings,
  analyzeOrder,
  MarketTape,
  pairedComparison,
  type TcaFill,
  type TcaOrder,
} from '../../src/tca/index.ts';
import { retainedBytesEach } from '../support/retained.ts';

const d = (x: string | number) => new Decimal(x);
const fill = (ts: number, price: string, size: string, extra: Partial<TcaFill> = {}): TcaFill => ({
  orderId: 'o',
  ts,
  price: d(price),
  size: d(size),
  fee: d(0),
  ...extra,
});
const settings = { markoutsSeconds: [1, 10] };

describe('implementation shortfall (behaviour 23)', () => {
  it('BUY 500 at decision 20, fills 200@21 and 200@21.5, end 22: 500 + 200 = 700 = 700 bps', () => {
    const order: TcaOrder = {
      id: 'o',
      side: 1,
      size: d(500),
      decisionTs: 0,
      endTs: 100,
      decisionPrice: d(20),
      endPrice: d(22),
    };
    const a = analyzeOrder(order, [fill(10, '21', '200'), fill(20, '21.5', '200')], undefined, settings);
    expect(a.shortfall.delay.toString()).toBe('0');
    expect(a.shortfall.trading.toString()).toBe('500');
    expect(a.shortfall.opportunity.toString()).toBe('200');
    expect(a.shortfall.total.toString()).toBe('700');
    expect(a.shortfall.totalBps.toString()).toBe('700');
    expect(a.fillRatio.toString()).toBe('0.8');
    expect(a.avgPrice?.toString()).toBe('21.25');
    // No tape, no quotes: no fill has a markout, so neither has the order.
    expect(a.markoutsBps).toEqual({ '1': undefined, '10': undefined });
  });

  it('a SELL with delay, partial fill and fees: every part signed as a cost', () => {
    // SELL 100, decision 50, arrival 49.9 (the price fell before we arrived), fills 60@49.8 with fee
    // 0.3, end 49.5: delay = −1·(49.9−50)·60 = 6; trading = −1·(49.8−49.9)·60 = 6;
    // opportunity = −1·(49.5−50)·40 = 20; fees 0.3; total 32.3 = 32.3/5000 = 64.6 bps.
    const order: TcaOrder = {
      id: 'o',
      side: -1,
      size: d(100),
      decisionTs: 0,
      endTs: 100,
      decisionPrice: d(50),
      arrivalPrice: d('49.9'),
      endPrice: d('49.5'),
    };
    const a = analyzeOrder(order, [fill(10, '49.8', '60', { fee: d('0.3') })], undefined, settings);
    expect(
      [
        a.shortfall.delay,
        a.shortfall.trading,
        a.shortfall.opportunity,
        a.shortfall.fees,
        a.shortfall.total,
      ].map(String),
    ).toEqual(['6', '6', '20', '0.3', '32.3']);
    expect(a.shortfall.totalBps.toString()).toBe('64.6');
    // behaviour 24: slippage vs arrival = side·(avg − arrival)/arrival·1e4 = −(49.8−49.9)/49.9·1e4
    expect(a.benchmarks.arrival?.slippageBps?.toFixed(4)).toBe('20.0401');
  });

  it('rejects fills larger than the order', () => {
    const order: TcaOrder = { id: 'o', side: 1, size: d(1), decisionTs: 0, decisionPrice: d(10) };
    expect(() => analyzeOrder(order, [fill(1, '10', '2')], undefined, settings)).toThrow(/overfilled/);
  });
});

describe('with a market tape', () => {
  const inst = new Instrument({ venue: 't', symbol: 'T', tickSize: '0.1', lotSize: '1' });
  // Quotes: 0 s bid 99.9/ask 100.1 (mid 100); 2 s 100.1/100.3 (mid 100.2); 12 s 99.7/99.9 (mid 99.8).
  // Trades: 1 s 10@100.1, 3 s 30@100.3.
  const rows: [number, number, number, number, number][] = [
    [0, EventKind.DEPTH, 1, 99.9, 5],
    [0, EventKind.DEPTH, -1, 100.1, 5],
    [1_000_000, EventKind.TRADE, 1, 100.1, 10],
    [2_000_000, EventKind.DEPTH, -1, 100.3, 5],
    [2_000_000, EventKind.DEPTH, -1, 100.1, 0],
    [2_000_000, EventKind.DEPTH, 1, 100.1, 5],
    [2_000_000, EventKind.DEPTH, 1, 99.9, 0],
    [3_000_000, EventKind.TRADE, 1, 100.3, 30],
    [12_000_000, EventKind.DEPTH, 1, 99.7, 5],
    [12_000_000, EventKind.DEPTH, 1, 100.1, 0],
    [12_000_000, EventKind.DEPTH, -1, 99.9, 5],
    [12_000_000, EventKind.DEPTH, -1, 100.3, 0],
  ];
  const batch = allocBatch(rows.length);
  rows.forEach(([t, k, s, p, q], i) => {
    batch.tsExch[i] = t;
    batch.tsLocal[i] = t;
    batch.kind[i] = k;
    batch.side[i] = s;
    batch.price[i] = p;
    batch.size[i] = q;
  });
  batch.length = rows.length;

  it('reads decision, arrival and end mids, interval VWAP and TWAP, markouts and attribution from the tape', async () => {
    const tape = await MarketTape.fromBatches(inst, [batch]);
    const order: TcaOrder = { id: 'o', side: 1, size: d(10), decisionTs: 0, endTs: 4_000_000 };
    const a = analyzeOrder(
      order,
      [
        fill(1_000_000, '100.1', '4', { liquidity: 'taker' }),
        fill(2_500_000, '100.2', '2', { liquidity: 'maker' }),
      ],
      tape,
      settings,
    );
    expect(a.decisionPrice.toString()).toBe('100');
    expect(a.endPrice?.toString()).toBe('100.2');
    expect(a.benchmarks.intervalVwap?.price.toString()).toBe('100.25'); // (10·100.1 + 30·100.3)/40
    expect(a.benchmarks.intervalTwap?.price.toString()).toBe('100.1'); // 2 s at 100, 2 s at 100.2
    expect(a.participation?.toString()).toBe('0.15'); // 6 of 40
    // Markouts (behaviour 24): taker fill 100.1 at 1 s; mid at 2 s = 100.2 → (100.2−100.1)/100.1·1e4
    expect(a.fills[0].markoutsBps?.['1']?.toFixed(4)).toBe('9.9900');
    // 10 s later (11 s) the mid is still 100.2; at 12.5 s it is 99.8 for the maker fill.
    expect(a.fills[1].markoutsBps?.['10']?.toFixed(4)).toBe('-39.9202');
    // The order's curve weights them by size: 1 s (4·9.99001 + 2·0)/6; 10 s (4·9.99001 − 2·39.92016)/6.
    expect(a.markoutsBps['1']?.toFixed(4)).toBe('6.6600');
    expect(a.markoutsBps['10']?.toFixed(4)).toBe('-6.6467');
    // Behaviour 24 for a BUY: average (4·100.1 + 2·100.2)/6 = 100.1333… against the arrival mid 100.
    expect(a.benchmarks.arrival?.slippageBps?.toFixed(4)).toBe('13.3333');
    // Attribution adds up to the total.
    const at = a.attribution;
    const sum = [
      at.delay,
      at.timing,
      at.spread,
      at.bookWalk,
      at.impact,
      at.unattributed,
      at.opportunity,
      at.fees,
    ].reduce((s, x) => s.add(x), d(0));
    expect(sum.toString()).toBe(a.shortfall.total.toString());
    // taker at the touch: spread 4·(100.1−100) = 0.4, no walk; maker 100.2 at mid 100.2: 0.
    expect(at.spread.toString()).toBe('0.4');
    expect(at.bookWalk.toString()).toBe('0');
    expect(at.timing.toString()).toBe('0.4'); // maker fill at mid 100.2 vs arrival 100: 2·0.2
  });

  it('signs a SELL’s slippage and markouts by its side: selling above the mid gains now, loses as it rises', async () => {
    const tape = await MarketTape.fromBatches(inst, [batch]);
    const order: TcaOrder = { id: 's', side: -1, size: d(4), decisionTs: 0, endTs: 4_000_000 };
    const a = analyzeOrder(order, [fill(1_000_000, '100.1', '4', { liquidity: 'maker' })], tape, settings);
    // −(100.1 − 100)/100·1e4: sold 10 bps above the arrival mid, a gain.
    expect(a.benchmarks.arrival?.slippageBps?.toFixed(4)).toBe('-10.0000');
    // Mid 100.2 at 2 s and at 11 s: −(100.2 − 100.1)/100.1·1e4 (the market rose after we sold).
    expect(a.fills[0].markoutsBps?.['1']?.toFixed(4)).toBe('-9.9900');
    expect(a.fills[0].markoutsBps?.['10']?.toFixed(4)).toBe('-9.9900');
    expect(a.markoutsBps['1']?.toFixed(4)).toBe('-9.9900');
  });

  it('keeps its per-horizon records compact (index-like keys as JSON.parse lays them out)', async () => {
    const tape = await MarketTape.fromBatches(inst, [batch]);
    const order: TcaOrder = { id: 'o', side: 1, size: d(10), decisionTs: 0, endTs: 4_000_000 };
    const fills = [fill(1_000_000, '100.1', '4', { liquidity: 'taker' })];
    const wide = { markoutsSeconds: [1, 10, 60, 300] };
    const a = analyzeOrder(order, fills, tape, wide);
    expect(Object.keys(a.fills[0].markoutsBps ?? {})).toEqual(['1', '10', '60', '300']);
    expect(a.fills[0].markoutsBps?.['1']?.toFixed(4)).toBe('9.9900'); // as with horizons [1, 10]
    expect(Object.keys(a.fills[0].realisedSpreadBps ?? {})).toEqual(['1', '10', '60', '300']);
    // ~9 KB the analysis of one fill; its two records add ~3.8 KB each when built key by key.
    expect(retainedBytesEach(500, () => analyzeOrder(order, fills, tape, wide))).toBeLessThan(12_000);
  });

  /** Two fills analysed with every per-fill figure and with `lean`; the fills apart, the rest. */
  async function fullAndLean(lean: AnalysisSettings) {
    const tape = await MarketTape.fromBatches(inst, [batch]);
    const order: TcaOrder = { id: 'o', side: 1, size: d(10), decisionTs: 0, endTs: 4_000_000 };
    const fills = [
      fill(1_000_000, '100.1', '4', { liquidity: 'taker' }),
      fill(2_500_000, '100.2', '2', { liquidity: 'maker' }),
    ];
    const { fills: fullFills, ...fullRest } = analyzeOrder(order, fills, tape, settings);
    const { fills: leanFills, ...leanRest } = analyzeOrder(order, fills, tape, lean);
    return { fullFills, fullRest, leanFills, leanRest };
  }

  it("leaves each fill's spreads out when asked to, and nothing else", async () => {
    const { fullFills, fullRest, leanFills, leanRest } = await fullAndLean({
      ...settings,
      spreadsPerFill: false,
    });
    expect(fullFills[0].effectiveSpreadBps?.toFixed(4)).toBe('20.0000'); // 2·(100.1 − 100)/100·1e4
    expect(Object.keys(leanFills[0])).toEqual(['ts', 'price', 'size', 'liquidity', 'markoutsBps', 'mid']);
    expect(leanRest).toEqual(fullRest);
    expect(leanFills).toEqual(fullFills.map(({ effectiveSpreadBps, realisedSpreadBps, ...kept }) => kept));
  });

  it("leaves each fill's markouts out when asked to, and keeps the order's curve and sums", async () => {
    const { fullFills, fullRest, leanFills, leanRest } = await fullAndLean({
      ...settings,
      markoutsPerFill: false,
    });
    expect(leanFills.map((f) => 'markoutsBps' in f)).toEqual([false, false]);
    expect(leanRest).toEqual(fullRest);
    expect(leanFills).toEqual(fullFills.map(({ markoutsBps, ...kept }) => kept));
    // 1 s: 4·(100.2 − 100.1)/100.1·1e4 + 2·(100.2 − 100.2)/100.2·1e4 over 6 lots of fills.
    expect(leanRest.markoutSums['1'].size.toString()).toBe('6');
    expect(leanRest.markoutSums['1'].weighted.toFixed(4)).toBe('39.9600');
  });

  it('paired comparison: mean difference, seeded bootstrap CI and win rate', () => {
    const mk = (strategy: string, window: string, price: string) =>
      analyzeOrder(
        {
          id: `${strategy}-${window}`,
          side: 1,
          size: d(1),
          decisionTs: 0,
          decisionPrice: d(100),
          strategy,
          window,
        },
        [{ ...fill(1, price, '1'), orderId: `${strategy}-${window}` }],
        undefined,
        settings,
      );
    const by = new Map([
      ['TWAP', [mk('TWAP', 'w1', '100.1'), mk('TWAP', 'w2', '100.2'), mk('TWAP', 'w3', '100.1')]],
      ['AGG', [mk('AGG', 'w1', '100.2'), mk('AGG', 'w2', '100.1'), mk('AGG', 'w3', '100.3')]],
    ]);
    const c = pairedComparison(by, 'TWAP', 'AGG', 1000, 'seed');
    expect(c.pairs).toBe(3);
    expect(c.meanDiffBps.toFixed(4)).toBe('6.6667'); // (10 − 10 + 20)/3
    expect(c.winRate.toFixed(4)).toBe('0.3333');
    const again = pairedComparison(by, 'TWAP', 'AGG', 1000, 'seed');
    expect(again.ci95.map(String)).toEqual(c.ci95.map(String));
    // Differences 10, −10, 20: a resample of all −10 (or all 20) comes 1 time in 27, more often than
    // the 2.5% in each tail, so the 95% interval runs from the smallest to the largest.
    expect(c.ci95.map(String)).toEqual(['-10', '20']);
  });
});
