import { createHash } from 'node:crypto';
import type { Decimal } from 'decimal.js';
import { canonicalJson, keyedRecord } from '../core/index.ts';
import {
  foldMarkoutSums,
  type GroupStats,
  groupBy,
  groupStats,
  markoutCurveOf,
  type OrderAnalysis,
  type PairedComparison,
  pairedComparison,
} from '../tca/index.ts';

export const REPORT_SCHEMA_VERSION = '1';

/** Number formats of the canonical report: fixed decimals, so equal values print equal bytes. */
const money = (d: Decimal | undefined) => (d === undefined ? null : d.toFixed(8));
const bps = (d: Decimal | undefined) => (d === undefined ? null : d.toFixed(4));
const ratio = (d: Decimal | undefined) => (d === undefined ? null : d.toFixed(6));

export interface ReportSettings {
  title: string;
  baseline?: string;
  markoutsSeconds: number[];
  bootstrapSamples: number;
  seed: string;
  /** Files the report was computed from, with their sha256. */
  inputs: { name: string; sha256: string }[];
}

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** The report as data: canonical JSON of it is report.json; Markdown and HTML render it. */
export interface ReportModel {
  json: { [k: string]: Json };
  analyses: OrderAnalysis[];
  comparisons: PairedComparison[];
  strategies: Map<string, GroupStats>;
  settings: ReportSettings;
}

function statsJson(s: GroupStats): { [k: string]: Json } {
  return {
    orders: s.orders,
    notionalWeightedBps: bps(s.notionalWeightedBps),
    equalWeightedBps: bps(s.equalWeightedBps),
    medianBps: bps(s.medianBps),
    totalCost: money(s.totalCost),
    fillRatio: ratio(s.fillRatio),
    participation: ratio(s.participation),
    quantilesBps: s.quantilesBps.map((q) => bps(q)),
  };
}

/** Size-weighted markout per horizon over the fills of some orders, from their orders' sums. */
export function markoutCurve(orders: OrderAnalysis[], horizons: number[]): { [k: string]: Json } {
  const keys = horizons.map(String);
  return curveJson(
    markoutCurveOf(
      foldMarkoutSums(
        orders.map((o) => o.markoutSums),
        keys,
      ),
      keys,
    ),
    keys,
  );
}

/** An order's own markout curve, as analysed with its fills (what markoutCurve gives for it alone). */
function orderMarkouts(a: OrderAnalysis, horizons: number[]): { [k: string]: Json } {
  return curveJson(a.markoutsBps, horizons.map(String));
}

/** A curve as the report prints it: bps per horizon key, null where it has none. */
function curveJson(curve: Record<string, Decimal | undefined>, keys: string[]): { [k: string]: Json } {
  return keyedRecord<Json>(keys, (i) => bps(curve[keys[i]]));
}

function orderJson(a: OrderAnalysis, horizons: number[]): { [k: string]: Json } {
  const o = a.order;
  const bench: { [k: string]: Json } = {};
  for (const [k, b] of Object.entries(a.benchmarks)) {
    bench[k] = b ? { price: money(b.price), slippageBps: bps(b.slippageBps) } : null;
  }
  const attr: { [k: string]: Json } = {};
  for (const [k, v] of Object.entries(a.attribution)) attr[k] = money(v);
  return {
    id: o.id,
    strategy: o.strategy ?? null,
    window: o.window ?? null,
    day: o.day ?? null,
    side: o.side > 0 ? 'BUY' : 'SELL',
    size: o.size.toString(),
    decisionTs: o.decisionTs,
    endTs: a.endTs,
    filled: a.filled.toString(),
    fillRatio: ratio(a.fillRatio),
    avgPrice: money(a.avgPrice),
    decisionPrice: money(a.decisionPrice),
    arrivalPrice: money(a.arrivalPrice),
    endPrice: money(a.endPrice),
    childCount: a.childCount,
    makerSize: a.makerSize.toString(),
    takerSize: a.takerSize.toString(),
    participation: ratio(a.participation),
    spreadCapture: ratio(a.spreadCapture),
    shortfall: {
      delay: money(a.shortfall.delay),
      trading: money(a.shortfall.trading),
      opportunity: money(a.shortfall.opportunity),
      fees: money(a.shortfall.fees),
      total: money(a.shortfall.total),
      totalBps: bps(a.shortfall.totalBps),
    },
    benchmarks: bench,
    attribution: attr,
    markoutsBps: orderMarkouts(a, horizons),
  };
}

/** sha256 of the canonical record of every fill: the run's fingerprint. */
export function fillsFingerprint(analyses: OrderAnalysis[]): string {
  const fills = analyses.flatMap((a) =>
    // Keys in sorted order, as canonicalJson prints them: it then serialises each fill as built
    // rather than copying each to sort them.
    a.fills.map((f) => ({
      liquidity: f.liquidity ?? null,
      order: a.order.id,
      price: f.price.toString(),
      size: f.size.toString(),
      ts: f.ts,
    })),
  );
  return createHash('sha256').update(canonicalJson(fills)).digest('hex');
}

/** Builds the report model from analysed orders: per-order TCA, per-strategy aggregates, paired comparisons. */
export function buildReport(analyses: OrderAnalysis[], settings: ReportSettings): ReportModel {
  const strategyOf = (a: OrderAnalysis) => a.order.strategy ?? 'orders';
  const byStrategy = groupBy(analyses, strategyOf);
  const names = [...byStrategy.keys()];
  const baseline = settings.baseline ?? names[0];
  const comparisons = names
    .filter((n) => n !== baseline)
    .map((n) => pairedComparison(byStrategy, baseline, n, settings.bootstrapSamples, settings.seed));
  const strategies = new Map([...byStrategy].map(([k, v]) => [k, groupStats(v)]));
  const group = (key: (a: OrderAnalysis) => string) =>
    Object.fromEntries([...groupBy(analyses, key)].map(([k, v]) => [k, statsJson(groupStats(v))]));
  const json: { [k: string]: Json } = {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: settings.title,
    inputs: settings.inputs.map((i) => ({ name: i.name, sha256: i.sha256 })),
    fingerprint: fillsFingerprint(analyses),
    settings: {
      baseline: baseline ?? null,
      markoutsSeconds: settings.markoutsSeconds,
      bootstrapSamples: settings.bootstrapSamples,
      seed: settings.seed,
    },
    strategies: Object.fromEntries(
      [...strategies].map(([k, s]) => [
        k,
        { ...statsJson(s), markoutsBps: markoutCurve(byStrategy.get(k)!, settings.markoutsSeconds) },
      ]),
    ),
    comparisons: comparisons.map((c) => ({
      strategy: c.strategy,
      baseline: c.baseline,
      pairs: c.pairs,
      meanDiffBps: bps(c.meanDiffBps),
      ci95Bps: [bps(c.ci95[0]), bps(c.ci95[1])],
      winRate: ratio(c.winRate),
    })),
    byWindow: group((a) => a.order.window ?? a.order.id),
    byDay: group((a) => a.order.day ?? 'all'),
    orders: analyses.map((a) => orderJson(a, settings.markoutsSeconds)),
  };
  return { json, analyses, comparisons, strategies, settings };
}
