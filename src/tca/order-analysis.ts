import { Decimal } from 'decimal.js';
import { InputError, keyedRecord } from '../core/index.ts';
import { addMarkout, emptyMarkoutSums, type MarkoutSum, markoutCurveOf } from './markout-curve.ts';
import type { MarketTape } from './tape.ts';
import type { TcaFill, TcaOrder } from './types.ts';

const BPS = new Decimal(10_000);

/** Expanded implementation shortfall (Perold), quote currency; positive = cost. */
export interface Shortfall {
  delay: Decimal;
  trading: Decimal;
  opportunity: Decimal;
  fees: Decimal;
  total: Decimal;
  /** total / (|S| · P_decision) · 10⁴. */
  totalBps: Decimal;
}

/** Cost split of the same total: every part in quote currency, adding up to `total`. */
export interface Attribution {
  delay: Decimal;
  /** Drift of the mid from arrival to each fill. */
  timing: Decimal;
  /** Half-spread paid by takers (earned, negative, by makers): touch (or fill) vs mid. */
  spread: Decimal;
  /** Walking past the touch: fill price (impact removed) vs the touch. */
  bookWalk: Decimal;
  /** Modelled impact of our own trading (impact overlay). */
  impact: Decimal;
  /** Trading cost the tape could not split (fills without a quote). */
  unattributed: Decimal;
  opportunity: Decimal;
  fees: Decimal;
}

export interface FillAnalysis {
  ts: number;
  price: Decimal;
  size: Decimal;
  liquidity?: 'maker' | 'taker';
  /** Mid at the fill, when the tape knows it. */
  mid?: Decimal;
  /** Effective spread: 2·side·(price − mid)/mid, bps. */
  effectiveSpreadBps?: Decimal;
  /**
   * Per horizon (seconds): side·(mid(t+h) − price)/price·10⁴; positive = the fill looks good later.
   * Left out when the analysis was asked for without per-fill markouts (the order's sums hold them).
   */
  markoutsBps?: Record<string, Decimal | undefined>;
  /**
   * Per horizon: realised spread 2·side·(price − mid(t+h))/mid(t)·10⁴. Left out, with the effective
   * spread, when the analysis was asked for without per-fill spreads.
   */
  realisedSpreadBps?: Record<string, Decimal | undefined>;
}

export interface OrderAnalysis {
  order: TcaOrder;
  decisionPrice: Decimal;
  arrivalPrice: Decimal;
  /** Price at the end of the interval; undefined only for a fully filled order without market data. */
  endPrice?: Decimal;
  endTs: number;
  filled: Decimal;
  avgPrice?: Decimal;
  fillRatio: Decimal;
  fills: FillAnalysis[];
  /** Per horizon: the fills' markouts weighted by size, from `markoutSums`. */
  markoutsBps: Record<string, Decimal | undefined>;
  /**
   * Per horizon: Σ markout × size and Σ size over the fills with a markout there, exact. A group's
   * curve adds its orders' sums (markoutCurve), so a sweep's pool threads make them with the fills
   * and the report step reads no fill's markouts.
   */
  markoutSums: Record<string, MarkoutSum>;
  childCount: number;
  makerSize: Decimal;
  takerSize: Decimal;
  shortfall: Shortfall;
  attribution: Attribution;
  /** Benchmarks in quote units, and slippage vs each in bps: side·(avg − B)/B·10⁴. */
  benchmarks: Record<string, { price: Decimal; slippageBps?: Decimal } | undefined>;
  /** Our filled size / market volume over [decision, end], when the tape has prints. */
  participation?: Decimal;
  /** Mean share of the half-spread earned by maker fills (1 = filled at our touch with the mid one half-spread away). */
  spreadCapture?: Decimal;
}

export interface AnalysisSettings {
  markoutsSeconds: number[];
  /**
   * Each fill's effective and realised spreads (default true). A scenario report reads neither, so
   * a sweep's analyses leave them out: a third less to compute, send and keep per fill.
   */
  spreadsPerFill?: boolean;
  /** Each fill's markouts (default true); the order's sums and curve are made either way. */
  markoutsPerFill?: boolean;
}

/**
 * Everything TCA says of one parent order. Prices not given explicitly come from the tape: decision
 * and arrival = mid at the decision time, end = mid at the end time.
 */
export function analyzeOrder(
  order: TcaOrder,
  fills: TcaFill[],
  tape: MarketTape | undefined,
  settings: AnalysisSettings,
): OrderAnalysis {
  const s = new Decimal(order.side);
  // Side times a difference of prices: a sign flip, since a difference has no more digits than the
  // precision and its product with ±1 is exact (the same value, without a multiplication).
  const signed = order.side > 0 ? (x: Decimal) => x : (x: Decimal) => x.neg();
  const s2 = s.mul(2);
  const horizonKeys = settings.markoutsSeconds.map(String);
  const spreads = settings.spreadsPerFill ?? true;
  const markoutsPerFill = settings.markoutsPerFill ?? true;
  const markoutSums = emptyMarkoutSums(horizonKeys);
  const sorted = [...fills].sort((a, b) => a.ts - b.ts);
  const lastFill = sorted.at(-1)?.ts;
  const endTs = order.endTs ?? lastFill ?? order.decisionTs;
  const need = (given: Decimal | undefined, ts: number, what: string): Decimal => {
    const p = given ?? tape?.midAt(ts);
    if (!p) {
      throw new InputError(
        'missing-price',
        `order ${order.id}: no ${what} price given and no market data at ${ts}`,
      );
    }
    return p;
  };
  const decisionPrice = need(order.decisionPrice, order.decisionTs, 'decision');
  // Without an explicit arrival price or a tape, the order arrived at its decision price (no delay).
  const arrivalPrice = order.arrivalPrice ?? tape?.midAt(order.decisionTs) ?? decisionPrice;
  const filledSize = sorted.reduce((a, f) => a.add(f.size), new Decimal(0));
  // The end price only prices what was left unfilled; a fully filled order needs none.
  const endPrice = filledSize.gte(order.size)
    ? (order.endPrice ?? tape?.midAt(endTs))
    : need(order.endPrice, endTs, 'end');

  let filled = new Decimal(0);
  let notional = new Decimal(0);
  let fees = new Decimal(0);
  let makerSize = new Decimal(0);
  let takerSize = new Decimal(0);
  const attribution: Attribution = {
    delay: new Decimal(0),
    timing: new Decimal(0),
    spread: new Decimal(0),
    bookWalk: new Decimal(0),
    impact: new Decimal(0),
    unattributed: new Decimal(0),
    opportunity: new Decimal(0),
    fees: new Decimal(0),
  };
  let captureNum = new Decimal(0);
  let captureDen = new Decimal(0);
  const analyses: FillAnalysis[] = [];
  for (const f of sorted) {
    filled = filled.add(f.size);
    notional = notional.add(f.price.mul(f.size));
    fees = fees.add(f.fee);
    if (f.liquidity === 'maker') makerSize = makerSize.add(f.size);
    if (f.liquidity === 'taker') takerSize = takerSize.add(f.size);
    const q = tape?.quoteAt(f.ts);
    const impact = f.impact ?? new Decimal(0);
    attribution.impact = attribution.impact.add(impact.mul(f.size));
    const tradingPart = signed(f.price.sub(arrivalPrice)).mul(f.size);
    const fa: FillAnalysis = { ts: f.ts, price: f.price, size: f.size, liquidity: f.liquidity };
    if (markoutsPerFill) fa.markoutsBps = {};
    if (spreads) fa.realisedSpreadBps = {};
    if (q) {
      fa.mid = q.mid;
      if (spreads) fa.effectiveSpreadBps = s2.mul(f.price.sub(q.mid)).div(q.mid).mul(BPS);
      const touch = order.side > 0 ? q.ask : q.bid;
      const bookPrice = f.price.sub(s.mul(impact));
      attribution.timing = attribution.timing.add(signed(q.mid.sub(arrivalPrice)).mul(f.size));
      if (f.liquidity === 'maker') {
        attribution.spread = attribution.spread.add(signed(bookPrice.sub(q.mid)).mul(f.size));
        const half = q.ask.sub(q.bid).div(2);
        if (half.gt(0)) {
          captureNum = captureNum.add(signed(q.mid.sub(f.price)).div(half).mul(f.size));
          captureDen = captureDen.add(f.size);
        }
      } else {
        attribution.spread = attribution.spread.add(signed(touch.sub(q.mid)).mul(f.size));
        attribution.bookWalk = attribution.bookWalk.add(signed(bookPrice.sub(touch)).mul(f.size));
      }
      const later = settings.markoutsSeconds.map((h) => tape?.midAt(f.ts + h * 1_000_000));
      const markoutAt = (i: number) => {
        const m = later[i];
        return m ? signed(m.sub(f.price)).div(f.price).mul(BPS) : undefined;
      };
      // The per-fill record only when it is kept: a sweep's analyses sum the markouts and drop it.
      const markouts = markoutsPerFill ? keyedRecord(horizonKeys, markoutAt) : undefined;
      for (let i = 0; i < horizonKeys.length; i++) {
        const m = markouts !== undefined ? markouts[horizonKeys[i]] : markoutAt(i);
        if (m !== undefined) addMarkout(markoutSums[horizonKeys[i]], m, f.size);
      }
      if (markouts !== undefined) fa.markoutsBps = markouts;
      if (spreads) {
        fa.realisedSpreadBps = keyedRecord(horizonKeys, (i) => {
          const m = later[i];
          return m ? s2.mul(f.price.sub(m)).div(q.mid).mul(BPS) : undefined;
        });
      }
    } else {
      attribution.unattributed = attribution.unattributed.add(tradingPart.sub(impact.mul(f.size)));
    }
    analyses.push(fa);
  }
  if (filled.gt(order.size)) {
    throw new InputError('overfilled', `order ${order.id}: fills total ${filled} > order size ${order.size}`);
  }
  const unfilled = order.size.sub(filled);
  const delay = signed(arrivalPrice.sub(decisionPrice)).mul(filled);
  const trading = signed(notional.sub(arrivalPrice.mul(filled)));
  const opportunity = endPrice ? signed(endPrice.sub(decisionPrice)).mul(unfilled) : new Decimal(0);
  const total = delay.add(trading).add(opportunity).add(fees);
  const base = order.size.mul(decisionPrice).abs();
  attribution.delay = delay;
  attribution.opportunity = opportunity;
  attribution.fees = fees;

  const avgPrice = filled.gt(0) ? notional.div(filled) : undefined;
  const slip = (b: Decimal | undefined) =>
    b === undefined
      ? undefined
      : { price: b, slippageBps: avgPrice ? signed(avgPrice.sub(b)).div(b).mul(BPS) : undefined };
  const interval = tape?.vwap(order.decisionTs, endTs);
  const childIds = new Set(sorted.map((f) => f.childId ?? `${f.ts}:${f.price}`));
  return {
    order,
    decisionPrice,
    arrivalPrice,
    endPrice,
    endTs,
    filled,
    avgPrice,
    fillRatio: order.size.isZero() ? new Decimal(0) : filled.div(order.size),
    fills: analyses,
    markoutsBps: markoutCurveOf(markoutSums, horizonKeys),
    markoutSums,
    childCount: childIds.size,
    makerSize,
    takerSize,
    shortfall: {
      delay,
      trading,
      opportunity,
      fees,
      total,
      totalBps: base.isZero() ? new Decimal(0) : total.div(base).mul(BPS),
    },
    attribution,
    benchmarks: {
      decision: slip(decisionPrice),
      arrival: slip(arrivalPrice),
      intervalVwap: slip(interval?.vwap),
      intervalTwap: slip(tape?.twapMid(order.decisionTs, endTs)),
      close: slip(endPrice),
    },
    participation: interval ? filled.div(interval.volume) : undefined,
    spreadCapture: captureDen.gt(0) ? captureNum.div(captureDen) : undefined,
  };
}
