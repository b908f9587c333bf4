import { Decimal } from 'decimal.js';
import seedrandom from 'seedrandom';
import type { OrderAnalysis } from './order-analysis.ts';

const BPS = new Decimal(10_000);

export interface GroupStats {
  orders: number;
  /** Σ total cost / Σ |S|·P_decision · 10⁴. */
  notionalWeightedBps: Decimal;
  /** Mean of the orders' total bps. */
  equalWeightedBps: Decimal;
  medianBps: Decimal;
  totalCost: Decimal;
  fillRatio: Decimal;
  participation?: Decimal;
  /** Quantiles (0, 0.1, 0.25, 0.5, 0.75, 0.9, 1) of the orders' total bps. */
  quantilesBps: Decimal[];
}

export function groupStats(orders: OrderAnalysis[]): GroupStats {
  const bps = orders.map((o) => o.shortfall.totalBps).sort((a, b) => a.cmp(b));
  const totalCost = orders.reduce((s, o) => s.add(o.shortfall.total), new Decimal(0));
  const base = orders.reduce((s, o) => s.add(o.order.size.mul(o.decisionPrice).abs()), new Decimal(0));
  const size = orders.reduce((s, o) => s.add(o.order.size), new Decimal(0));
  const filled = orders.reduce((s, o) => s.add(o.filled), new Decimal(0));
  const parts = orders.filter((o) => o.participation !== undefined);
  return {
    orders: orders.length,
    notionalWeightedBps: base.isZero() ? new Decimal(0) : totalCost.div(base).mul(BPS),
    equalWeightedBps: mean(bps),
    medianBps: quantile(bps, 0.5),
    totalCost,
    fillRatio: size.isZero() ? new Decimal(0) : filled.div(size),
    participation: parts.length ? mean(parts.map((o) => o.participation!)) : undefined,
    quantilesBps: [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1].map((q) => quantile(bps, q)),
  };
}

/**
 * Orders grouped by a key (strategy, window, day), keys in sorted order, each group in the order
 * given. Each order is appended to its group in place: a sweep's `byDay` is one group of every
 * order, which copying the group at each step made quadratic.
 */
export function groupBy<T>(orders: readonly T[], key: (o: T) => string): Map<string, T[]> {
  const m = new Map<string, T[]>();
  for (const o of orders) {
    const k = key(o);
    const group = m.get(k);
    if (group === undefined) m.set(k, [o]);
    else group.push(o);
  }
  return new Map([...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

export function mean(xs: Decimal[]): Decimal {
  return xs.length ? xs.reduce((s, x) => s.add(x), new Decimal(0)).div(xs.length) : new Decimal(0);
}

/** Linear-interpolated quantile of sorted values. */
export function quantile(sorted: Decimal[], q: number): Decimal {
  if (sorted.length === 0) return new Decimal(0);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo].add(sorted[hi].sub(sorted[lo]).mul(pos - lo));
}

export interface PairedComparison {
  strategy: string;
  baseline: string;
  pairs: number;
  /** Mean of (strategy bps − baseline bps) over windows both ran; negative = cheaper than baseline. */
  meanDiffBps: Decimal;
  /** Percentile bootstrap 95% interval of the mean difference. */
  ci95: [Decimal, Decimal];
  /** Share of windows where the strategy cost less than the baseline. */
  winRate: Decimal;
}

/**
 * Paired comparison on the same windows: differences per window, a seeded percentile bootstrap of
 * their mean (`samples` resamples drawn with seedrandom.alea(seed)), and the win rate. Windows where
 * either strategy has no order are left out.
 */
export function pairedComparison(
  byStrategy: Map<string, OrderAnalysis[]>,
  baseline: string,
  strategy: string,
  samples: number,
  seed: string,
): PairedComparison {
  const costOf = (orders: OrderAnalysis[]) =>
    new Map(orders.map((o) => [o.order.window ?? o.order.id, o.shortfall.totalBps]));
  const base = costOf(byStrategy.get(baseline) ?? []);
  const mine = costOf(byStrategy.get(strategy) ?? []);
  const keys = [...mine.keys()].filter((k) => base.has(k)).sort();
  const diffs = keys.map((k) => mine.get(k)!.sub(base.get(k)!).toNumber());
  const n = diffs.length;
  const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  let ci: [Decimal, Decimal] = [new Decimal(0), new Decimal(0)];
  if (n > 0) {
    const rng = seedrandom.alea(`${seed}/bootstrap/${strategy}/${baseline}`);
    const means = new Float64Array(samples);
    for (let b = 0; b < samples; b++) {
      let sum = 0;
      for (let i = 0; i < n; i++) sum += diffs[Math.floor(rng() * n)];
      means[b] = sum / n;
    }
    means.sort();
    const at = (q: number) => new Decimal(means[Math.min(samples - 1, Math.floor(q * samples))]);
    ci = [at(0.025), at(0.975)];
  }
  return {
    strategy,
    baseline,
    pairs: n,
    meanDiffBps: n ? new Decimal(meanOf(diffs)) : new Decimal(0),
    ci95: ci,
    winRate: n ? new Decimal(diffs.filter((d) => d < 0).length).div(n) : new Decimal(0),
  };
}
