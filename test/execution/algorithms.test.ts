import { describe, expect, it } from 'vitest';
import {
  almgrenChriss,
  MarketConditionAnalyzer,
  OrderManager,
  type ParentOrder,
  route,
  ScheduleAlgorithm,
  type SlippageAlert,
  SlippageController,
  startStrategy,
} from '../../src/execution/index.ts';
import { FakeWorld } from './fake-venue.ts';

const S = 1_000_000;
const parent = (o: Partial<ParentOrder> = {}): ParentOrder => ({
  id: 'P',
  side: 1,
  sizeLots: 12,
  startUs: 0,
  endUs: 60 * S,
  urgency: 'MEDIUM',
  ...o,
});

describe('TWAP (behaviour 21)', () => {
  it('1.2 over 60 s with 20 s slices and lot 0.1: children 0.4, 0.4, 0.4 at 0, 20 and 40 s', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    const s = startStrategy('TWAP', w, parent(), { intervalSeconds: 20 });
    w.advance(60 * S);
    expect(w.sent.map((o) => [o.at / S, w.instrument.lotsToSize(o.size), o.tif])).toEqual([
      [0, '0.4', 'IOC'],
      [20, '0.4', 'IOC'],
      [40, '0.4', 'IOC'],
    ]);
    expect(s.result()).toMatchObject({ status: 'filled', filledLots: 12 });
  });

  it('rounds to lots and still fills exactly the parent; catches up after a thin slice', () => {
    expect(ScheduleAlgorithm.targetsOf([1 / 3, 2 / 3, 1], 10)).toEqual([3, 6, 10]);
    const w = new FakeWorld();
    w.quote(10_000, 10_001, 1000, 2); // only 2 lots at the ask in the first slice
    const s = startStrategy('TWAP', w, parent({ sizeLots: 10 }), { slices: 3, retrySeconds: 100 });
    w.advance(19 * S);
    w.quote(10_000, 10_001);
    w.advance(60 * S);
    expect(w.sent.map((o) => o.size)).toEqual([3, 4, 4]); // slice 2 catches up the lot slice 1 missed
    expect(s.result().filledLots).toBe(10);
  });
});

describe('SlippageController and the 50 bps execution limit', () => {
  it('alerts HIGH at 25 bps and CRITICAL at 1,000 bps through observers', () => {
    const c = new SlippageController();
    const alerts: SlippageAlert[] = [];
    c.onAlert((a) => alerts.push(a));
    c.track('o', 1, 10_000);
    c.recordFill('o', 1, 10_020, 1); // 20 bps: none
    c.recordFill('o', 2, 10_030, 1); // 30 bps fill: HIGH; order 25 bps: HIGH
    c.recordFill('o', 3, 11_100, 2); // 1,100 bps fill: CRITICAL
    expect(alerts.map((a) => [a.level, a.scope, Math.round(a.bps)])).toEqual([
      ['HIGH', 'fill', 30],
      ['HIGH', 'order', 25],
      ['CRITICAL', 'fill', 1100],
      ['HIGH', 'order', 563],
    ]);
  });

  it('refuses a child beyond the limit: AGGRESSIVE does not take a far touch 60 bps away', () => {
    const w = new FakeWorld();
    w.quote(9_940, 10_060); // mid 10,000; ask 60 bps away
    const s = startStrategy('AGGRESSIVE', w, parent({ endUs: 2 * S }), {});
    w.advance(2 * S);
    expect(w.sent).toEqual([]);
    expect(s.result().log[0]).toMatchObject({ refused: 'immediate', touch: 10_060, bps: 60 });
    expect(s.result()).toMatchObject({ status: 'expired', filledLots: 0 });
  });

  it('caps the marketable limit at the execution limit', () => {
    const w = new FakeWorld();
    w.quote(9_990, 10_010);
    startStrategy('AGGRESSIVE', w, parent(), {});
    w.advance(1);
    expect(w.sent[0]).toMatchObject({ tif: 'IOC', price: 10_050 }); // mid 10,000 + 50 bps
  });
});

describe('PASSIVE', () => {
  it('posts at the touch, re-pegs when the touch moves, and sweeps before the horizon', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_002);
    const s = startStrategy('PASSIVE', w, parent({ sizeLots: 5, endUs: 10 * S }), { sweepSeconds: 1 });
    w.advance(1 * S);
    expect(w.sent[0]).toMatchObject({ tif: 'POST_ONLY', price: 10_000, size: 5 });
    w.fillResting(w.sent[0].id, 2);
    w.quote(10_001, 10_003);
    w.advance(2 * S);
    expect(w.sent[1]).toMatchObject({ tif: 'POST_ONLY', price: 10_001, size: 3 });
    w.advance(10 * S);
    expect(w.sent[2]).toMatchObject({ tif: 'IOC', size: 3 });
    expect(s.result()).toMatchObject({ status: 'filled', filledLots: 5 });
  });
});

describe('stale-order handling', () => {
  it('cancels a resting child untouched for staleSeconds and re-prices it at the new touch', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_002);
    const s = startStrategy('PASSIVE', w, parent({ sizeLots: 5, endUs: 60 * S }), {
      staleSeconds: 5,
      completionSweep: false,
    });
    w.advance(1 * S);
    // The market moves away and back without our touch changing for the quote listener: only the
    // stale timer can notice that the child has sat unfilled.
    w.book.apply(1, 1, 10_001, 7);
    w.advance(6 * S);
    expect(w.cancels).toEqual(['P-1']);
    expect(w.sent.map((o) => [o.id, o.price])).toEqual([
      ['P-1', 10_000],
      ['P-2', 10_001],
    ]);
    expect(s.result().log).toContainEqual({ ts: 5 * S, stale: 'P-1' });
  });
});

describe('schedules', () => {
  it('IS (Almgren–Chriss) front-loads; λ = 0 is the straight line', () => {
    const ac = almgrenChriss({
      shares: 1e6,
      horizon: 5,
      periods: 5,
      sigma: 0.95,
      eta: 2.5e-6,
      gamma: 2.5e-7,
      epsilon: 0.0625,
      lambda: 1e-6,
    });
    expect(ac.kappa).toBeCloseTo(Math.acosh(1.19), 12);
    expect(ac.holdings[0]).toBe(1e6);
    expect(ac.holdings[1]).toBeCloseTo((1e6 * Math.sinh(4 * ac.kappa)) / Math.sinh(5 * ac.kappa), 6);
    // E = ½γX² + εX + (η̃/τ)Σn² with η̃ = η − γτ/2 = 2.375e-6
    const sumSq = ac.trades.reduce((a, n) => a + n * n, 0);
    expect(ac.expectedCost).toBeCloseTo(125_000 + 62_500 + 2.375e-6 * sumSq, 6);
    expect(ac.expectedCost).toBeCloseTo(911_226.99, 1);
    const line = almgrenChriss({
      shares: 100,
      horizon: 4,
      periods: 4,
      sigma: 1,
      eta: 1,
      gamma: 0,
      epsilon: 0,
      lambda: 0,
    });
    expect(line.holdings).toEqual([100, 75, 50, 25, 0]);

    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    startStrategy('IS', w, parent({ sizeLots: 100 }), { slices: 4, lambda: 1 });
    w.advance(60 * S);
    // σ = η = τ = 1, λ = 1: cosh κ = 1 + λσ²/(2η) = 1.5; due after slice k is 1 − x_{k+1} of the
    // 100 lots, x_j = sinh(κ(4 − j))/sinh(4κ), in whole lots (floored): 61, 85, 95, then 100.
    const kappa = Math.acosh(1.5);
    const due = [1, 2, 3, 4].map((j) =>
      Math.floor(100 * (1 - Math.sinh(kappa * (4 - j)) / Math.sinh(4 * kappa))),
    );
    expect(due).toEqual([61, 85, 95, 100]);
    expect(w.sent.map((o) => [o.at / S, o.size])).toEqual([
      [0, 61],
      [15, 24],
      [30, 10],
      [45, 5],
    ]);
  });

  it('IS holdings follow X·sinh(κ(T − t_j))/sinh(κT) with κ from τ ≠ 1; more risk aversion front-loads more', () => {
    // τ = 10/5 = 2: κ solves (2/τ²)(cosh κτ − 1) = λσ²/η̃ with η̃ = η − γτ/2 = 2.25e-6, so
    // cosh 2κ = 1 + 2·(1e-6·0.95²/2.25e-6) = 1.80222…; κ = acosh(1.80222…)/2.
    const base = {
      shares: 1e6,
      horizon: 10,
      periods: 5,
      sigma: 0.95,
      eta: 2.5e-6,
      gamma: 2.5e-7,
      epsilon: 0,
    };
    const ac = almgrenChriss({ ...base, lambda: 1e-6 });
    const kappa = Math.acosh(1 + (2 * 1e-6 * 0.95 ** 2) / 2.25e-6) / 2;
    expect(ac.kappa).toBeCloseTo(kappa, 12);
    const t = [0, 2, 4, 6, 8, 10];
    for (const [j, x] of ac.holdings.entries())
      expect(x).toBeCloseTo((1e6 * Math.sinh(kappa * (10 - t[j]))) / Math.sinh(kappa * 10), 6);
    // Twice the risk aversion holds less at every interior step; both below the straight line.
    const averse = almgrenChriss({ ...base, lambda: 2e-6 });
    const line = almgrenChriss({ ...base, lambda: 0 });
    for (let j = 1; j < 5; j++) {
      expect(averse.holdings[j]).toBeLessThan(ac.holdings[j]);
      expect(ac.holdings[j]).toBeLessThan(line.holdings[j]);
    }
    expect(line.holdings).toEqual([1e6, 800_000, 600_000, 400_000, 200_000, 0]);
  });

  it('VWAP follows the profile and POV follows the market volume', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    startStrategy('VWAP', w, parent({ sizeLots: 100 }), { slices: 4, profile: [1, 1, 2, 6] });
    w.advance(60 * S);
    expect(w.sent.map((o) => o.size)).toEqual([10, 10, 20, 60]);

    const v = new FakeWorld();
    v.quote(10_000, 10_001);
    const pov = startStrategy('POV', v, parent({ sizeLots: 100, endUs: 10 * S }), {
      rate: 0.2,
      checkSeconds: 1,
    });
    v.advance(0);
    v.trade(1, 10_001, 50);
    v.advance(1 * S);
    v.trade(-1, 10_000, 25);
    v.advance(10 * S);
    expect(v.sent.map((o) => o.size)).toEqual([10, 5]);
    expect(pov.result()).toMatchObject({ status: 'expired', filledLots: 15 });
  });
});

describe('parameters', () => {
  it('are validated: unknown names and out-of-range values are refused with the reason', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    expect(() => startStrategy('TWAP', w, parent(), { slice: 3 })).toThrow(/unknown parameter slice/);
    expect(() => startStrategy('POV', w, parent(), { rate: 2 })).toThrow(
      /rate must be a number in \[0.0001, 1\]/,
    );
    expect(() => startStrategy('VWAP', w, parent(), { slices: 2, profile: [1] })).toThrow(
      /profile must be 2/,
    );
    expect(() => startStrategy('NOPE', w, parent(), {})).toThrow(/unknown strategy NOPE/);
  });
});

describe('SmartOrderRouter rules', () => {
  const cond = {
    spreadTicks: 1,
    spreadBps: 1,
    midTicks: 10_000,
    bidDepth: 1000,
    askDepth: 1000,
    imbalance: 0,
    liquidityScore: 0.9,
    volatilityBps: 1,
    recentVolume: 0,
    tradeRate: 0,
  };
  it.each([
    [{ urgency: 'CRITICAL' as const, sizeLots: 5000 }, cond, 'AGGRESSIVE', '1'],
    [{ sizeLots: 100 }, cond, 'AGGRESSIVE', '2'],
    [{ urgency: 'LOW' as const, sizeLots: 5000 }, cond, 'PASSIVE', '3'],
    [{ urgency: 'HIGH' as const, sizeLots: 5000 }, cond, 'ADAPTIVE', '4'],
    [{ sizeLots: 5000 }, { ...cond, spreadTicks: 6 }, 'ADAPTIVE', '5'],
    [{ sizeLots: 5000 }, cond, 'TWAP', '6'],
  ])('%o → %s', (p, c, strategy, rule) => {
    expect(route(parent(p), c)).toMatchObject({ strategy, rule });
  });

  it('ROUTER records why it chose and runs that strategy', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    const s = startStrategy('ROUTER', w, parent({ sizeLots: 10 }), {});
    w.advance(60 * S);
    expect(s.result().strategy).toBe('ROUTER:AGGRESSIVE');
    expect(s.result().log[0]).toMatchObject({ router: 'AGGRESSIVE', rule: '2' });
  });
});

describe('MarketConditionAnalyzer', () => {
  it('reads spread, depth, imbalance, recent volume and impact', () => {
    const w = new FakeWorld();
    const a = new MarketConditionAnalyzer(w.market, 10 * S);
    w.quote(10_000, 10_002, 300, 100);
    w.trade(1, 10_002, 40);
    w.now = 5 * S;
    w.trade(-1, 10_000, 10);
    const c = a.conditions(12 * S); // the first trade left the 10 s window
    expect(c).toMatchObject({
      spreadTicks: 2,
      bidDepth: 300,
      askDepth: 100,
      imbalance: 0.5,
      recentVolume: 10,
    });
    expect(c.spreadBps).toBeCloseTo(2, 3);
    expect(a.impactByBookBps(1, 50)).toBeCloseTo(10_000 / 10_001, 9); // 50 at 10,002 vs mid 10,001
    expect(MarketConditionAnalyzer.impactSqrtBps(100, 20, 10_000, 0.5)).toBeCloseTo(1, 12);
  });
});

describe('OrderManager', () => {
  it('rejects invalid parents with a reason, starts the most urgent first, and counts by status', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    const om = new OrderManager(w);
    expect(om.submit(parent({ id: 'bad', sizeLots: 0 }), 'TWAP').reason).toMatch(/positive/);
    expect(om.submit(parent({ id: 'late', endUs: -1 }), 'TWAP').reason).toMatch(/before start/);
    expect(om.submit({ ...parent({ id: 'sym' }), symbol: 'XYZ' }, 'TWAP').reason).toMatch(/unknown symbol/);
    om.submit(parent({ id: 'low', urgency: 'LOW' }), 'AGGRESSIVE');
    om.submit(parent({ id: 'crit', urgency: 'CRITICAL' }), 'AGGRESSIVE');
    om.startAll();
    w.advance(1);
    expect(w.sent.map((o) => o.id)).toEqual(['crit-1', 'low-1']);
    const st = om.stats();
    expect(st.byStatus).toEqual({ rejected: 3, filled: 2 });
    expect(st.fillRatio).toBe(1);
  });

  it('holds each parent to its own limitBps under the one shared slippage controller', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001); // arrival mid 10,000.5
    const om = new OrderManager(w);
    om.submit(parent({ id: 'tight', sizeLots: 1 }), 'AGGRESSIVE', { limitBps: 10 });
    om.submit(parent({ id: 'dflt', sizeLots: 1 }), 'AGGRESSIVE');
    om.startAll();
    w.advance(1);
    // 10 bps: ⌊10,000.5 × 1.001⌋ = 10,010; the controller's 50: ⌊10,000.5 × 1.005⌋ = 10,050.
    expect(w.sent.map((o) => [o.id, o.price])).toEqual([
      ['tight-1', 10_010],
      ['dflt-1', 10_050],
    ]);
  });
});

describe('common parameters', () => {
  it('refuses a limitBps or staleSeconds out of range or not a number, rather than using the default', () => {
    const w = new FakeWorld();
    w.quote(10_000, 10_001);
    const start = (params: Record<string, number | string>) => () =>
      startStrategy('PASSIVE', w, parent(), params);
    expect(start({ limitBps: -1 })).toThrow('parameter limitBps must be a number in [0, Infinity], got -1');
    expect(start({ limitBps: '50' })).toThrow(
      'parameter limitBps must be a number in [0, Infinity], got "50"',
    );
    expect(start({ staleSeconds: -5 })).toThrow(
      'parameter staleSeconds must be a number in [0, Infinity], got -5',
    );
    expect(start({ limitBps: 0, staleSeconds: 0 })).not.toThrow();
  });
});
