import { type RunningStrategy, startStrategy } from './factory.ts';
import {
  type ExecutionContext,
  type ExecutionResult,
  invalidParent,
  type OrderStatus,
  type Params,
  type ParentOrder,
  URGENCY_RANK,
} from './models.ts';
import { SlippageController } from './slippage-controller.ts';

export interface ManagedOrder {
  parent: ParentOrder;
  strategy: string;
  params: Params;
  status: OrderStatus;
  reason?: string;
  running?: RunningStrategy;
  result?: ExecutionResult;
}

export interface OrderManagerStats {
  byStatus: Partial<Record<OrderStatus, number>>;
  /** Σ filled / Σ size over accepted parents. */
  fillRatio: number;
  /** Mean time from start to the last fill of filled parents, µs. */
  avgTimeToFillUs: number;
  children: number;
}

/**
 * Many parent orders in one run: validation, start in priority order (urgency, then submission
 * order), one shared slippage controller, status from the strategies, cancel, and statistics.
 */
export class OrderManager {
  readonly slippage: SlippageController;
  private readonly orders = new Map<string, ManagedOrder>();
  private queue: ManagedOrder[] = [];

  constructor(
    private readonly ctx: ExecutionContext,
    slippage?: SlippageController,
  ) {
    this.slippage = slippage ?? new SlippageController();
  }

  /** Validates and queues a parent; returns its record (status `rejected` with a reason when invalid). */
  submit(parent: ParentOrder, strategy: string, params: Params = {}): ManagedOrder {
    const reason = this.orders.has(parent.id)
      ? 'duplicate order id'
      : invalidParent(parent, this.ctx.venue.instrument.symbol);
    const m: ManagedOrder = { parent, strategy, params, status: reason ? 'rejected' : 'pending', reason };
    if (!this.orders.has(parent.id)) this.orders.set(parent.id, m);
    if (!reason) this.queue.push(m);
    return m;
  }

  /** Starts every queued parent, most urgent first. */
  startAll(): void {
    const q = this.queue
      .map((m, i) => ({ m, i }))
      .sort((a, b) => URGENCY_RANK[b.m.parent.urgency] - URGENCY_RANK[a.m.parent.urgency] || a.i - b.i);
    this.queue = [];
    for (const { m } of q) {
      const running = startStrategy(m.strategy, this.ctx, m.parent, m.params, this.slippage);
      m.running = running;
      m.status = 'submitted';
      running.onDone((r) => {
        m.result = r;
        m.status = r.status;
      });
    }
  }

  get(id: string): ManagedOrder | undefined {
    return this.orders.get(id);
  }

  cancel(id: string): void {
    const m = this.orders.get(id);
    if (!m?.running || m.status === 'filled') return;
    m.running.cancel();
  }

  /** Results of every accepted parent, in submission order. */
  results(): ExecutionResult[] {
    return [...this.orders.values()].filter((m) => m.running).map((m) => m.result ?? m.running!.result());
  }

  stats(): OrderManagerStats {
    const byStatus: Partial<Record<OrderStatus, number>> = {};
    let size = 0;
    let filled = 0;
    let ttf = 0;
    let nFilled = 0;
    let children = 0;
    for (const m of this.orders.values()) {
      const r = m.running ? (m.result ?? m.running.result()) : undefined;
      const status = r?.status ?? m.status;
      byStatus[status] = (byStatus[status] ?? 0) + 1;
      if (!r) continue;
      size += r.sizeLots;
      filled += r.filledLots;
      children += r.slices.length;
      if (r.status === 'filled' && r.fills.length) {
        ttf += r.fills[r.fills.length - 1].ts - r.startUs;
        nFilled++;
      }
    }
    return {
      byStatus,
      fillRatio: size ? filled / size : 0,
      avgTimeToFillUs: nFilled ? ttf / nFilled : 0,
      children,
    };
  }
}
