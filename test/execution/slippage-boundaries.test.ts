import { describe, expect, it } from 'vitest';
import {
  type ParentOrder,
  type SlippageAlert,
  SlippageController,
  startStrategy,
} from '../../src/execution/index.ts';
import { FakeWorld } from './fake-venue.ts';

/*
 * Boundaries of the slippage controller, from docs/execution.md ("Slippage controller"):
 *   bps = side·(price − benchmark)/benchmark·10⁴, positive = cost;
 *   HIGH at ≥ 25 bps, CRITICAL at ≥ 1,000 bps, per fill and per order's running average;
 *   a child priced beyond the 50 bps execution limit is refused (so exactly 50 bps is allowed);
 *   taking children are priced at limitPrice(order), the worst grid price within the limit.
 * Every expected value below is worked out by hand in the comment next to it.
 */

const S = 1_000_000;
type Fill = [price: number, size: number];

/** Tracks one order, records the fills, returns the alerts as [level, scope, bps] and the stats. */
function alertsFor(side: 1 | -1, benchmark: number, fills: Fill[]) {
  const c = new SlippageController();
  const alerts: SlippageAlert[] = [];
  c.onAlert((a) => alerts.push(a));
  c.track('o', side, benchmark);
  fills.forEach(([price, size], i) => {
    c.recordFill('o', i + 1, price, size);
  });
  return { alerts: alerts.map((a) => [a.level, a.scope, a.bps]), stats: c.stats() };
}

describe('alert thresholds: CRITICAL at exactly 1,000 bps, HIGH at exactly 25 bps', () => {
  // One fill per order, so the order's running average is the fill price and both scopes agree.
  it.each([
    // BUY, benchmark 10,000: (11,000 − 10,000)/10,000·10⁴ = 1,000 → CRITICAL
    ['BUY 1,000 bps', 1, 10_000, 11_000, 'CRITICAL', 1_000],
    // BUY, benchmark 100,000: (109,999 − 100,000)/100,000·10⁴ = 999.9 → HIGH, not CRITICAL
    ['BUY 999.9 bps', 1, 100_000, 109_999, 'HIGH', 999.9],
    // BUY, benchmark 10,000: (10,025 − 10,000)/10,000·10⁴ = 25 → HIGH
    ['BUY 25 bps', 1, 10_000, 10_025, 'HIGH', 25],
    // SELL, benchmark 10,000: −(9,000 − 10,000)/10,000·10⁴ = 1,000 → CRITICAL
    ['SELL 1,000 bps', -1, 10_000, 9_000, 'CRITICAL', 1_000],
    // SELL, benchmark 100,000: −(90,001 − 100,000)/100,000·10⁴ = 999.9 → HIGH
    ['SELL 999.9 bps', -1, 100_000, 90_001, 'HIGH', 999.9],
    // SELL, benchmark 10,000: −(9,975 − 10,000)/10,000·10⁴ = 25 → HIGH
    ['SELL 25 bps', -1, 10_000, 9_975, 'HIGH', 25],
  ] as const)(
    '%s: one fill → that level for the fill and for the order',
    (_, side, benchmark, price, level, bps) => {
      const r = alertsFor(side, benchmark, [[price, 1]]);
      expect(r.alerts).toEqual([
        [level, 'fill', bps],
        [level, 'order', bps],
      ]);
      expect(r.stats.alerts).toEqual({
        HIGH: level === 'HIGH' ? 2 : 0,
        CRITICAL: level === 'CRITICAL' ? 2 : 0,
      });
      expect(r.stats.perOrderBps.o).toBe(bps);
    },
  );

  it.each([
    // BUY, benchmark 100,000: (100,249 − 100,000)/100,000·10⁴ = 24.9 → no alert
    ['BUY 24.9 bps', 1, 100_000, 100_249, 24.9],
    // SELL, benchmark 100,000: −(99,751 − 100,000)/100,000·10⁴ = 24.9 → no alert
    ['SELL 24.9 bps', -1, 100_000, 99_751, 24.9],
  ] as const)('%s: one fill → no alert at all', (_, side, benchmark, price, bps) => {
    const r = alertsFor(side, benchmark, [[price, 1]]);
    expect(r.alerts).toEqual([]);
    expect(r.stats.alerts).toEqual({ HIGH: 0, CRITICAL: 0 });
    expect(r.stats.perOrderBps.o).toBe(bps);
  });

  // The order scope on its own: the second fill is under the threshold, the running average is
  // exactly on it (or half a bp under it).
  it.each([
    // BUY 10,000: fill 10,030 = 30 bps (HIGH, order 30 HIGH); fill 10,020 = 20 bps (none);
    // average (10,030 + 10,020)/2 = 10,025 → 25 bps → order HIGH.
    ['BUY order avg 25', 1, 10_000, 10_030, 10_020, [['HIGH', 'order', 25]]],
    // … fill 10,019 = 19 bps; average 10,024.5 → 24.5 bps → nothing.
    ['BUY order avg 24.5', 1, 10_000, 10_030, 10_019, []],
    // SELL 10,000: fill 9,970 = 30 bps; fill 9,980 = 20 bps; average 9,975 → 25 bps → order HIGH.
    ['SELL order avg 25', -1, 10_000, 9_970, 9_980, [['HIGH', 'order', 25]]],
    // … fill 9,981 = 19 bps; average 9,975.5 → 24.5 bps → nothing.
    ['SELL order avg 24.5', -1, 10_000, 9_970, 9_981, []],
    // BUY 10,000: fill 11,010 = 1,010 (CRITICAL ×2); fill 10,990 = 990 bps (HIGH);
    // average 11,000 → 1,000 bps → order CRITICAL.
    [
      'BUY order avg 1,000',
      1,
      10_000,
      11_010,
      10_990,
      [
        ['HIGH', 'fill', 990],
        ['CRITICAL', 'order', 1_000],
      ],
    ],
    // … fill 10,989 = 989 bps (HIGH); average 10,999.5 → 999.5 bps → order HIGH.
    [
      'BUY order avg 999.5',
      1,
      10_000,
      11_010,
      10_989,
      [
        ['HIGH', 'fill', 989],
        ['HIGH', 'order', 999.5],
      ],
    ],
    // SELL 10,000: fill 8,990 = 1,010; fill 9,010 = 990 (HIGH); average 9,000 → 1,000 → CRITICAL.
    [
      'SELL order avg 1,000',
      -1,
      10_000,
      8_990,
      9_010,
      [
        ['HIGH', 'fill', 990],
        ['CRITICAL', 'order', 1_000],
      ],
    ],
  ] as const)(
    '%s: the second fill raises exactly the expected alerts',
    (_, side, benchmark, first, second, expected) => {
      const r = alertsFor(side, benchmark, [
        [first, 1],
        [second, 1],
      ]);
      // The first fill is 30 or 1,010 bps: one fill alert and one order alert of the same level.
      const firstLevel = Math.abs(first - benchmark) >= 1_000 ? 'CRITICAL' : 'HIGH';
      expect(r.alerts.slice(0, 2).map((a) => a.slice(0, 2))).toEqual([
        [firstLevel, 'fill'],
        [firstLevel, 'order'],
      ]);
      expect(r.alerts.slice(2)).toEqual(expected);
    },
  );
});

describe('execution limit: exactly 50 bps allowed, just over refused, refusals counted', () => {
  it.each([
    // BUY 10,000: 10,050 → 50 bps (allowed); 10,051 → 51 bps (refused).
    ['BUY, benchmark 10,000', 1, 10_000, 10_050, 10_051, 51],
    // BUY 100,000: 100,500 → 50 bps (allowed); 100,501 → 50.1 bps (refused).
    ['BUY, benchmark 100,000', 1, 100_000, 100_500, 100_501, 50.1],
    // SELL 10,000: 9,950 → 50 bps (allowed); 9,949 → 51 bps (refused).
    ['SELL, benchmark 10,000', -1, 10_000, 9_950, 9_949, 51],
    // SELL 100,000: 99,500 → 50 bps (allowed); 99,499 → 50.1 bps (refused).
    ['SELL, benchmark 100,000', -1, 100_000, 99_500, 99_499, 50.1],
  ] as const)(
    '%s: exactly 50 bps allowed, just over refused',
    (_, side, benchmark, atLimit, over, overBps) => {
      const c = new SlippageController();
      c.track('o', side, benchmark);
      expect(c.checkSlippageLimit('o', atLimit)).toEqual({ ok: true, bps: 50 });
      expect(c.stats().refusals).toBe(0);
      expect(c.checkSlippageLimit('o', over)).toEqual({ ok: false, bps: overBps });
      expect(c.stats().refusals).toBe(1);
      // A price on the good side of the benchmark is never refused: −50 bps.
      expect(c.checkSlippageLimit('o', benchmark - side * (benchmark / 200))).toEqual({ ok: true, bps: -50 });
      expect(c.checkSlippageLimit('o', over)).toMatchObject({ ok: false });
      expect(c.stats().refusals).toBe(2); // only the two refusals count, not the three allowed checks
      // The limit price is the exact boundary here: benchmark·(1 ± 0.005) is on the grid.
      expect(c.limitPrice('o')).toBe(atLimit);
    },
  );

  it('an untracked order is not limited and its checks are not refusals', () => {
    const c = new SlippageController();
    expect(c.checkSlippageLimit('nope', 1e9)).toEqual({ ok: true, bps: 0 });
    expect(c.limitPrice('nope')).toBe(Number.POSITIVE_INFINITY);
    expect(c.stats().refusals).toBe(0);
  });
});

describe('limitPrice rounds inward (BUY down, SELL up) when the limit falls between ticks', () => {
  it.each([
    // BUY 10,001: edge 10,001·1.005 = 10,051.005 → floor 10,051: (10,051 − 10,001)/10,001·10⁴ =
    // 49.995 bps; rounding up would give 10,052 = 50.995 bps, one tick past the limit.
    ['BUY, benchmark 10,001', 1, 10_001, 10_051],
    // SELL 10,001: edge 10,001·0.995 = 9,950.995 → ceil 9,951: (10,001 − 9,951)/10,001·10⁴ =
    // 49.995 bps; rounding down would give 9,950 = 50.995 bps, one tick past the limit.
    ['SELL, benchmark 10,001', -1, 10_001, 9_951],
    // BUY, half-tick mid 10,000.5: edge 10,050.5025 → floor 10,050 = 49.5/10,000.5·10⁴ ≈ 49.4975
    // bps; 10,051 = 50.5/10,000.5·10⁴ ≈ 50.4975 bps.
    ['BUY, mid 10,000.5', 1, 10_000.5, 10_050],
    // SELL, half-tick mid 10,000.5: edge 9,950.4975 → ceil 9,951 ≈ 49.4975 bps; 9,950 ≈ 50.4975 bps.
    ['SELL, mid 10,000.5', -1, 10_000.5, 9_951],
  ] as const)('%s: rounds inward, allowed; one tick further is refused', (_, side, benchmark, expected) => {
    const c = new SlippageController();
    c.track('o', side, benchmark);
    const p = c.limitPrice('o');
    expect(p).toBe(expected);
    expect(c.checkSlippageLimit('o', p).ok).toBe(true);
    expect(c.checkSlippageLimit('o', p + side).ok).toBe(false);
    expect(c.stats().refusals).toBe(1);
  });

  it('for every benchmark 10,000 … 10,400 in half ticks, both sides: the worst allowed grid price', () => {
    const c = new SlippageController();
    let checks = 0;
    for (let b2 = 20_000; b2 <= 20_800; b2++) {
      for (const side of [1, -1] as const) {
        const benchmark = b2 / 2;
        c.track('o', side, benchmark);
        const p = c.limitPrice('o');
        expect(Number.isInteger(p)).toBe(true);
        // Within the limit by the documented formula, and the next tick out is beyond it.
        expect((side * (p - benchmark) * 1e4) / benchmark).toBeLessThanOrEqual(50);
        expect((side * (p + side - benchmark) * 1e4) / benchmark).toBeGreaterThan(50);
        expect(c.checkSlippageLimit('o', p).ok).toBe(true);
        expect(c.checkSlippageLimit('o', p + side).ok).toBe(false);
        checks++;
      }
    }
    expect(checks).toBe(801 * 2);
    expect(c.stats().refusals).toBe(801 * 2); // one per benchmark and side: the p + side probe
  });
});

describe('through an algorithm: AGGRESSIVE children at the boundary, for BUY and SELL', () => {
  const parent = (side: 1 | -1): ParentOrder => ({
    id: 'P',
    side,
    sizeLots: 5,
    startUs: 0,
    endUs: 2 * S,
    urgency: 'MEDIUM',
  });

  it.each([
    // bid 10,000 / ask 10,002: mid 10,001. BUY cap floor(10,051.005) = 10,051; SELL ceil(9,950.995) = 9,951.
    ['BUY, mid 10,001', 1, 10_000, 10_002, 10_051],
    ['SELL, mid 10,001', -1, 10_000, 10_002, 9_951],
    // bid 10,000 / ask 10,001: mid 10,000.5. BUY floor(10,050.5025) = 10,050; SELL ceil(9,950.4975) = 9,951.
    ['BUY, mid 10,000.5', 1, 10_000, 10_001, 10_050],
    ['SELL, mid 10,000.5', -1, 10_000, 10_001, 9_951],
    // bid 9,950 / ask 10,050: mid 10,000, far touch exactly 50 bps away → allowed, IOC at 10,050 / 9,950.
    ['BUY, far touch at exactly 50 bps', 1, 9_950, 10_050, 10_050],
    ['SELL, far touch at exactly 50 bps', -1, 9_950, 10_050, 9_950],
  ] as const)('%s: the IOC child is priced at the inward-rounded limit', (_, side, bid, ask, price) => {
    const w = new FakeWorld();
    w.quote(bid, ask);
    const c = new SlippageController();
    const s = startStrategy('AGGRESSIVE', w, parent(side), {}, c);
    w.advance(1);
    expect(w.sent.map((o) => [o.side, o.tif, o.price])).toEqual([[side, 'IOC', price]]);
    expect(c.stats().refusals).toBe(0);
    expect(s.result()).toMatchObject({ status: 'filled', filledLots: 5 });
  });

  it.each([
    // bid 9,949 / ask 10,051: mid 10,000; the far touch is 51 bps away on either side → refused.
    ['BUY', 1, 10_051],
    ['SELL', -1, 9_949],
  ] as const)('%s: a far touch 51 bps away is refused, logged and counted', (_, side, touch) => {
    const w = new FakeWorld();
    w.quote(9_949, 10_051);
    const c = new SlippageController();
    const s = startStrategy('AGGRESSIVE', w, parent(side), {}, c);
    w.advance(2 * S);
    expect(w.sent).toEqual([]);
    expect(s.result().log).toEqual([{ ts: 0, refused: 'immediate', touch, bps: 51 }]);
    expect(c.stats().refusals).toBe(1);
    expect(s.result()).toMatchObject({ status: 'expired', filledLots: 0 });
  });
});
