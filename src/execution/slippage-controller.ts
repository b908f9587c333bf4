import { TickLotSum } from '../core/index.ts';

export type AlertLevel = 'HIGH' | 'CRITICAL';

export interface SlippageAlert {
  level: AlertLevel;
  orderId: string;
  /** Slippage in bps against the benchmark, positive = cost. */
  bps: number;
  ts: number;
  scope: 'fill' | 'order';
}

export interface SlippageLimits {
  /** Alert HIGH at this many bps (default 25). */
  highBps?: number;
  /** Alert CRITICAL at this many bps (default 1,000). */
  criticalBps?: number;
  /** Refuse children whose price would cost more than this against the benchmark (default 50). */
  executionLimitBps?: number;
}

interface OrderSlippage {
  side: 1 | -1;
  benchmark: number;
  limitBps: number;
  filled: number;
  notional: TickLotSum;
  fills: number;
}

export interface SlippageStats {
  orders: number;
  fills: number;
  refusals: number;
  alerts: Record<AlertLevel, number>;
  /** Volume-weighted slippage per order, bps. */
  perOrderBps: Record<string, number>;
}

/**
 * Slippage of fills and orders against a benchmark (the arrival price by default), alerts through
 * observers, and the execution limit every algorithm consults before sending a child. Prices in
 * ticks; the benchmark in ticks too (a mid may be a half tick).
 */
export class SlippageController {
  readonly highBps: number;
  readonly criticalBps: number;
  readonly executionLimitBps: number;
  private readonly orders = new Map<string, OrderSlippage>();
  private readonly observers: ((a: SlippageAlert) => void)[] = [];
  private refusals = 0;
  private readonly alerts: Record<AlertLevel, number> = { HIGH: 0, CRITICAL: 0 };

  constructor(limits: SlippageLimits = {}) {
    this.highBps = limits.highBps ?? 25;
    this.criticalBps = limits.criticalBps ?? 1_000;
    this.executionLimitBps = limits.executionLimitBps ?? 50;
  }

  onAlert(observer: (a: SlippageAlert) => void): void {
    this.observers.push(observer);
  }

  /**
   * Starts tracking an order against its benchmark price (ticks), under its own execution limit
   * when it has one (a strategy's `limitBps`), else the controller's.
   */
  track(orderId: string, side: 1 | -1, benchmark: number, limitBps = this.executionLimitBps): void {
    this.orders.set(orderId, { side, benchmark, limitBps, filled: 0, notional: new TickLotSum(), fills: 0 });
  }

  benchmark(orderId: string): number | undefined {
    return this.orders.get(orderId)?.benchmark;
  }

  /** side·(price − benchmark)/benchmark·10⁴. */
  static bps(side: number, price: number, benchmark: number): number {
    return (side * (price - benchmark) * 10_000) / benchmark;
  }

  /**
   * Whether a child at `price` (ticks) stays within the execution limit. A refusal is counted; the
   * caller must not send the child.
   */
  checkSlippageLimit(orderId: string, price: number): { ok: boolean; bps: number } {
    const o = this.orders.get(orderId);
    if (!o || !Number.isFinite(o.benchmark)) return { ok: true, bps: 0 };
    const bps = SlippageController.bps(o.side, price, o.benchmark);
    const ok = bps <= o.limitBps;
    if (!ok) this.refusals++;
    return { ok, bps };
  }

  /** The worst price (ticks, on the grid) a child of `orderId` may have under the execution limit. */
  limitPrice(orderId: string): number {
    const o = this.orders.get(orderId);
    if (!o || !Number.isFinite(o.benchmark)) return o?.side === -1 ? 0 : Number.POSITIVE_INFINITY;
    const edge = o.benchmark * (1 + (o.side * o.limitBps) / 10_000);
    return o.side > 0 ? Math.floor(edge + 1e-9) : Math.ceil(edge - 1e-9);
  }

  /** Records a fill; raises alerts for the fill and for the order's running average. */
  recordFill(orderId: string, ts: number, price: number, size: number): number {
    const o = this.orders.get(orderId);
    if (!o) return 0;
    o.filled += size;
    o.notional.add(price, size);
    o.fills++;
    const fillBps = SlippageController.bps(o.side, price, o.benchmark);
    this.raise(orderId, fillBps, ts, 'fill');
    this.raise(orderId, this.orderBps(orderId), ts, 'order');
    return fillBps;
  }

  /** Volume-weighted slippage of an order so far, bps (0 before any fill). */
  orderBps(orderId: string): number {
    const o = this.orders.get(orderId);
    if (!o || o.filled === 0) return 0;
    return SlippageController.bps(o.side, o.notional.ratio(o.filled), o.benchmark);
  }

  stats(): SlippageStats {
    const perOrderBps: Record<string, number> = {};
    let fills = 0;
    for (const [id, o] of this.orders) {
      perOrderBps[id] = this.orderBps(id);
      fills += o.fills;
    }
    return {
      orders: this.orders.size,
      fills,
      refusals: this.refusals,
      alerts: { ...this.alerts },
      perOrderBps,
    };
  }

  private raise(orderId: string, bps: number, ts: number, scope: 'fill' | 'order'): void {
    const level: AlertLevel | undefined =
      bps >= this.criticalBps ? 'CRITICAL' : bps >= this.highBps ? 'HIGH' : undefined;
    if (!level) return;
    this.alerts[level]++;
    for (const ob of this.observers) ob({ level, orderId, bps, ts, scope });
  }
}
