import { Decimal } from 'decimal.js';
import { type OrderEvent, TickLotSum } from '../core/index.ts';
import {
  type ExecutionContext,
  type ExecutionResult,
  type FillRecord,
  invalidParent,
  numParam,
  type OrderStatus,
  type Params,
  type ParamValue,
  type ParentOrder,
  type SliceRecord,
} from './models.ts';
import { SlippageController } from './slippage-controller.ts';

interface Child {
  size: number;
  leaves: number;
  price: number;
  passive: boolean;
}

/**
 * What every algorithm shares: child orders sent through the venue port and tracked from their
 * events, the slippage controller consulted before each child, the end-of-horizon handling, and the
 * ExecutionResult. Subclasses decide what to send and when (`begin`, timers, quote listeners).
 */
export abstract class Algorithm {
  abstract readonly name: string;
  readonly slippage: SlippageController;
  status: OrderStatus = 'pending';
  filledLots = 0;
  protected arrival = Number.NaN;
  /** Every child sent (late events of closed ones still count), in the order sent. */
  protected readonly children = new Map<string, Child>();
  /** The children still live, in the order sent: re-pegs and schedules look at these only. */
  private readonly live = new Map<string, Child>();
  protected readonly fills: FillRecord[] = [];
  protected readonly slices: SliceRecord[] = [];
  protected readonly log: Record<string, ParamValue>[] = [];
  private seq = 0;
  private fees = new Decimal(0);
  private readonly notional = new TickLotSum();
  private endTimer = 0;
  private note: string | undefined;
  private readonly doneListeners: ((r: ExecutionResult) => void)[] = [];
  /** This order's execution limit (`limitBps`); undefined: the slippage controller's. */
  private readonly limitBps: number | undefined;
  /** A resting child untouched this long is cancelled and re-priced (`staleSeconds`; 0: never). */
  private readonly staleUs: number;

  constructor(
    protected readonly ctx: ExecutionContext,
    readonly parent: ParentOrder,
    protected readonly params: Params,
    slippage?: SlippageController,
  ) {
    const bad = invalidParent(parent, ctx.venue.instrument.symbol);
    if (bad) throw new RangeError(`order ${parent.id}: ${bad}`);
    // Read and range-checked here, so a bad value is refused rather than silently defaulted.
    this.limitBps = params.limitBps === undefined ? undefined : numParam(params, 'limitBps', 0, 0);
    this.staleUs = numParam(params, 'staleSeconds', 0, 0) * 1e6;
    this.slippage = slippage ?? new SlippageController();
    ctx.venue.onOrderEvent((e) => this.onOrderEvent(e));
  }

  /** Schedules the start at the parent's start time and the end at its end time. */
  start(): this {
    this.ctx.clock.setTimer(this.parent.startUs, () => {
      this.status = 'submitted';
      this.arrival = this.ctx.market.book.mid();
      this.slippage.track(this.parent.id, this.parent.side, this.arrival, this.limitBps);
      this.begin();
    });
    this.endTimer = this.ctx.clock.setTimer(this.parent.endUs, () => this.finish());
    return this;
  }

  onDone(listener: (r: ExecutionResult) => void): void {
    this.doneListeners.push(listener);
  }

  get done(): boolean {
    return (
      this.status === 'filled' ||
      this.status === 'expired' ||
      this.status === 'cancelled' ||
      this.status === 'rejected'
    );
  }

  /** Lots neither filled nor working in a live child. */
  protected unallocated(): number {
    let working = 0;
    for (const c of this.live.values()) working += c.leaves;
    return this.parent.sizeLots - this.filledLots - working;
  }

  protected remaining(): number {
    return this.parent.sizeLots - this.filledLots;
  }

  protected abstract begin(): void;

  /** Called at the end of the horizon before live children are cancelled; default: nothing. */
  protected onHorizon(): void {}

  /** Own touch: best bid for a buy, best ask for a sell. */
  protected nearTouch(): number {
    return this.parent.side > 0 ? this.ctx.market.book.bestBid() : this.ctx.market.book.bestAsk();
  }

  /** Far touch: what a taker pays. */
  protected farTouch(): number {
    return this.parent.side > 0 ? this.ctx.market.book.bestAsk() : this.ctx.market.book.bestBid();
  }

  /** The worst price a taking child may reach: the execution limit, and the parent's limit if any. */
  protected takingCap(): number {
    let cap = this.slippage.limitPrice(this.parent.id);
    const lim = this.parent.limitTicks;
    if (lim !== undefined) cap = this.parent.side > 0 ? Math.min(cap, lim) : Math.max(cap, lim);
    return cap;
  }

  /**
   * Sends a marketable IOC limit for `lots` capped by the execution limit; refused (and logged)
   * when even the far touch is beyond it. Returns the child id or undefined.
   */
  protected take(lots: number, reason: string): string | undefined {
    lots = Math.min(lots, this.unallocated());
    if (lots <= 0) return undefined;
    const touch = this.farTouch();
    if (Number.isNaN(touch)) return undefined;
    const cap = this.takingCap();
    const check = this.slippage.checkSlippageLimit(this.parent.id, touch);
    if (!check.ok || (this.parent.side > 0 ? touch > cap : touch < cap)) {
      this.log.push({ ts: this.ctx.clock.now(), refused: reason, touch, bps: Number(check.bps.toFixed(4)) });
      return undefined;
    }
    const price = Number.isFinite(cap) && cap > 0 ? cap : touch;
    return this.send(lots, price, 'IOC', reason, false);
  }

  /** Posts a post-only limit at `price` (default: the own touch). */
  protected post(lots: number, reason: string, price = this.nearTouch()): string | undefined {
    lots = Math.min(lots, this.unallocated());
    if (lots <= 0 || Number.isNaN(price)) return undefined;
    if (
      this.parent.limitTicks !== undefined &&
      (this.parent.side > 0 ? price > this.parent.limitTicks : price < this.parent.limitTicks)
    ) {
      price = this.parent.limitTicks;
    }
    if (!this.slippage.checkSlippageLimit(this.parent.id, price).ok) return undefined;
    const id = this.send(lots, price, 'POST_ONLY', reason, true);
    // Stale-order handling: a resting child untouched past `staleSeconds` is cancelled; the
    // algorithm re-prices it when the cancel comes back (onChildClosed).
    if (this.staleUs > 0) {
      this.ctx.clock.setTimer(this.ctx.clock.now() + this.staleUs, () => {
        const c = this.live.get(id);
        if (c !== undefined && c.leaves === c.size) {
          this.log.push({ ts: this.ctx.clock.now(), stale: id });
          this.ctx.venue.cancel(id);
        }
      });
    }
    return id;
  }

  /** Cancels the parent: live children are cancelled and the order ends as cancelled. */
  cancel(): void {
    if (this.done) return;
    this.ctx.clock.cancelTimer(this.endTimer);
    for (const id of [...this.live.keys()]) this.ctx.venue.cancel(id);
    this.finishWith('cancelled');
  }

  private send(
    lots: number,
    price: number,
    tif: 'IOC' | 'POST_ONLY',
    reason: string,
    passive: boolean,
  ): string {
    const id = `${this.parent.id}-${++this.seq}`;
    const child: Child = { size: lots, leaves: lots, price, passive };
    this.children.set(id, child);
    this.live.set(id, child);
    this.slices.push({
      childId: id,
      ts: this.ctx.clock.now(),
      kind: passive ? 'post' : 'ioc',
      price,
      size: lots,
      reason,
    });
    this.ctx.venue.submit({ id, side: this.parent.side, type: 'limit', tif, price, size: lots });
    return id;
  }

  protected cancelChild(id: string): void {
    if (this.live.has(id)) this.ctx.venue.cancel(id);
  }

  protected cancelPassive(): void {
    for (const [id, c] of [...this.live]) if (c.passive) this.ctx.venue.cancel(id);
  }

  /** Live passive children and their prices. */
  protected livePassive(): [string, number][] {
    const out: [string, number][] = [];
    for (const [id, c] of this.live) if (c.passive) out.push([id, c.price]);
    return out;
  }

  private onOrderEvent(e: OrderEvent): void {
    const c = this.children.get(e.id);
    if (!c) return;
    if (e.event === 'fill') {
      const size = e.size ?? 0;
      c.leaves = e.leaves ?? c.leaves - size;
      this.filledLots += size;
      this.notional.add(e.price ?? 0, size);
      this.fees = this.fees.add(e.fee ?? '0');
      this.fills.push({
        childId: e.id,
        ts: e.ts,
        price: e.price ?? Number.NaN,
        size,
        liquidity: e.liquidity,
        fee: e.fee ?? '0',
      });
      this.slippage.recordFill(this.parent.id, e.ts, e.price ?? Number.NaN, size);
      if (c.leaves === 0) this.live.delete(e.id);
      if (!this.done) this.status = this.filledLots >= this.parent.sizeLots ? 'filled' : 'partially_filled';
      if (this.filledLots >= this.parent.sizeLots) this.complete();
      else this.onChildFill(e.id);
    } else if (e.event === 'canceled' || e.event === 'expired' || e.event === 'rejected') {
      if (e.event === 'rejected' && !this.live.has(e.id)) return;
      this.live.delete(e.id);
      c.leaves = 0;
      this.onChildClosed(e.id, e.event, e.reason);
    }
  }

  /** Hooks for subclasses. */
  protected onChildFill(_id: string): void {}
  protected onChildClosed(_id: string, _event: string, _reason?: string): void {}

  private complete(): void {
    this.ctx.clock.cancelTimer(this.endTimer);
    for (const id of [...this.live.keys()]) this.ctx.venue.cancel(id);
    this.finishWith('filled');
  }

  private finish(): void {
    if (this.done) return;
    this.onHorizon();
    this.cancelPassive();
    if (this.filledLots < this.parent.sizeLots) {
      this.note ??= `horizon reached with ${this.parent.sizeLots - this.filledLots} of ${this.parent.sizeLots} lots unfilled`;
      this.finishWith('expired');
    }
  }

  protected finishWith(status: OrderStatus): void {
    if (this.done) return;
    this.status = status;
    const r = this.result();
    for (const l of this.doneListeners) l(r);
  }

  result(): ExecutionResult {
    return {
      orderId: this.parent.id,
      strategy: this.name,
      status: this.status,
      sizeLots: this.parent.sizeLots,
      filledLots: this.filledLots,
      avgPrice: this.filledLots > 0 ? this.notional.ratio(this.filledLots) : Number.NaN,
      fees: this.fees.toString(),
      slices: [...this.slices],
      fills: [...this.fills],
      startUs: this.parent.startUs,
      endUs: this.parent.endUs,
      note: this.note,
      log: [...this.log],
    };
  }
}
