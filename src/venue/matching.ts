import type { L2Book } from '../book/index.ts';
import type { Instrument, Liquidity, Micros, OrderEvent, OrderRequest } from '../core/index.ts';
import { EventKind } from '../data/index.ts';
import type { ExchangeListener } from '../sim/index.ts';
import type { FeeModel } from './fees.ts';
import type { ImpactOverlay } from './impact.ts';
import type { RequestKind } from './latency.ts';
import type { QueueModel } from './queue-models.ts';
import type { WorkingOrder } from './working-order.ts';

// Row kinds as plain module constants (see sim/kernel.ts).
const DEPTH: number = EventKind.DEPTH;
const TRADE: number = EventKind.TRADE;
const CLEAR: number = EventKind.CLEAR;
const SNAPSHOT: number = EventKind.SNAPSHOT;

/** An order event as the exchange produces it; the receive time is stamped on delivery. */
export type ExchangeEvent = Omit<OrderEvent, 'ts'>;

export interface MatchingOptions {
  instrument: Instrument;
  /** The exchange's view of the book (the kernel's exchange book). */
  book: L2Book;
  queue: QueueModel;
  consumeLiquidity: boolean;
  fees: FeeModel;
  impact?: ImpactOverlay;
  /** Where produced events go (the venue port delivers them after the response latency). */
  emit: (event: ExchangeEvent, kind: RequestKind) => void;
}

/**
 * The simulated exchange's matching of OUR orders against replayed history (DESIGN.md, "Simulation
 * semantics"). History does not react to us: takers walk the visible book at book prices, resting
 * orders keep a queue estimate fed by trades and depth rows, and liquidity we take is consumed
 * until the feed updates that level.
 */
export class MatchingEngine implements ExchangeListener {
  readonly orders = new Map<string, WorkingOrder>();
  /** Our resting buys, best price first, then time. */
  private readonly bids: WorkingOrder[] = [];
  /** Our resting sells, best price first, then time. */
  private readonly asks: WorkingOrder[] = [];
  /** Lots we took per price, until the feed updates the level: [bids, asks]. */
  private readonly consumed = [new Map<number, number>(), new Map<number, number>()];
  /** Lots traded at a level where we rest since the feed's last depth row there: [bids, asks]. */
  private readonly traded = [new Map<number, number>(), new Map<number, number>()];
  /** Sides cleared (bit 1 bids, bit 2 asks) whose snapshot rows are still arriving. */
  private clearedSides = 0;

  constructor(private readonly o: MatchingOptions) {}

  /** True while we rest or hold consumed liquidity: only then must the exchange rows reach us. */
  wantsRows = false;

  private syncWants(): void {
    this.wantsRows =
      this.bids.length > 0 || this.asks.length > 0 || this.consumed[0].size > 0 || this.consumed[1].size > 0;
  }

  /** Our orders resting in the book. */
  get workingOrders(): number {
    return this.bids.length + this.asks.length;
  }

  /** Estimated lots ahead of a resting order (undefined when it is not resting). */
  queueAhead(id: string): number | undefined {
    const w = this.orders.get(id);
    return w?.resting ? w.ahead : undefined;
  }

  // ---- requests arriving at the exchange -------------------------------------------------------

  submit(req: OrderRequest, t: Micros): void {
    this.clearedSides = 0;
    this.doSubmit(req, t);
    this.syncWants();
  }

  private doSubmit(req: OrderRequest, t: Micros): void {
    const bad = invalid(req);
    if (bad !== undefined || this.orders.has(req.id)) {
      this.emitEvent({ tsExch: t, id: req.id, event: 'rejected', reason: bad ?? 'duplicate-id' }, 'submit');
      return;
    }
    const w: WorkingOrder = {
      id: req.id,
      side: req.side,
      type: req.type,
      tif: req.tif,
      price: req.type === 'market' ? Number.NaN : req.price,
      size: req.size,
      leaves: req.size,
      filled: 0,
      canceled: 0,
      ahead: 0,
      beforeClear: 0,
      status: 'working',
      resting: false,
    };
    this.orders.set(w.id, w);
    if (w.tif === 'POST_ONLY' && this.crosses(w.side, w.price)) {
      w.status = 'rejected';
      w.canceled = w.leaves;
      w.leaves = 0;
      this.emitEvent({ tsExch: t, id: w.id, event: 'rejected', reason: 'post-only-would-cross' }, 'submit');
      return;
    }
    this.emitEvent(
      {
        tsExch: t,
        id: w.id,
        event: 'accepted',
        price: req.type === 'market' ? undefined : w.price,
        size: w.size,
        leaves: w.leaves,
      },
      'submit',
    );
    if (w.tif === 'FOK' && this.available(w.side, w.price) < w.leaves) {
      this.finish(w, 'expired', t, 'fok-not-fillable', 'submit');
      return;
    }
    this.take(w, t);
    if (w.leaves === 0) return;
    if (w.type === 'market' || w.tif === 'IOC' || w.tif === 'FOK') {
      this.finish(w, 'canceled', t, w.type === 'market' ? 'no-liquidity' : 'ioc-residual', 'submit');
      return;
    }
    this.rest(w);
  }

  cancel(id: string, t: Micros): void {
    this.clearedSides = 0;
    this.doCancel(id, t);
    this.syncWants();
  }

  private doCancel(id: string, t: Micros): void {
    const w = this.orders.get(id);
    if (w === undefined || !w.resting) {
      const reason = w === undefined ? 'unknown-order' : `order-${w.status}`;
      this.emitEvent({ tsExch: t, id, event: 'cancel_rejected', reason }, 'cancel');
      return;
    }
    this.unrest(w);
    this.finish(w, 'canceled', t, undefined, 'cancel');
  }

  /**
   * New price (ticks) and working size (lots). Same price and no more size keeps the queue place;
   * otherwise the order goes to the back, and a new price that crosses executes as taker first.
   * A rejected modify (order not working, bad values, post-only that would cross) leaves the order
   * unchanged and answers `cancel_rejected`.
   */
  modify(id: string, price: number, size: number, t: Micros): void {
    this.clearedSides = 0;
    this.doModify(id, price, size, t);
    this.syncWants();
  }

  private doModify(id: string, price: number, size: number, t: Micros): void {
    const w = this.orders.get(id);
    const reject = (reason: string) =>
      this.emitEvent({ tsExch: t, id, event: 'cancel_rejected', reason: `modify: ${reason}` }, 'modify');
    if (w === undefined) {
      reject('unknown-order');
      return;
    }
    if (!w.resting) {
      reject(`order-${w.status}`);
      return;
    }
    if (!Number.isSafeInteger(size) || size <= 0) {
      reject('size must be a positive whole number of lots');
      return;
    }
    if (!Number.isSafeInteger(price)) {
      reject('price must be a whole number of ticks');
      return;
    }
    if (price === w.price && size <= w.leaves) {
      this.shiftBehind(w, w.leaves - size);
      w.size -= w.leaves - size;
      w.leaves = size;
      this.emitEvent({ tsExch: t, id, event: 'modified', price, size, leaves: size }, 'modify');
      return;
    }
    if (w.tif === 'POST_ONLY' && this.crosses(w.side, price)) {
      reject('post-only-would-cross');
      return;
    }
    this.unrest(w);
    w.size += size - w.leaves;
    w.leaves = size;
    w.price = price;
    this.emitEvent({ tsExch: t, id, event: 'modified', price, size, leaves: size }, 'modify');
    this.take(w, t);
    if (w.leaves > 0) this.rest(w);
  }

  // ---- market data at the exchange -------------------------------------------------------------

  onExchangeRow(t: Micros, kind: number, side: number, price: number, size: number): void {
    // A snapshot is the CLEAR and the SNAPSHOT rows after it; any other row ends it.
    if (this.clearedSides !== 0 && kind !== SNAPSHOT && kind !== CLEAR) this.clearedSides = 0;
    this.doOnExchangeRow(t, kind, side, price, size);
    this.syncWants();
  }

  private doOnExchangeRow(t: Micros, kind: number, side: number, price: number, size: number): void {
    if (kind === DEPTH || kind === SNAPSHOT) this.onDepth(t, kind, side, price, size);
    else if (kind === TRADE) this.onTradeRow(t, side, price, size);
    else if (kind === CLEAR) {
      if (side >= 0) this.clearSide(0, this.bids);
      if (side <= 0) this.clearSide(1, this.asks);
    }
  }

  /**
   * Every level of the side is gone until the snapshot lists it again, so only our own lots are
   * ahead of us meanwhile; each order keeps its market part for a snapshot row at its price to cap
   * (Q = min(Q, new size)). A level the snapshot leaves out keeps Q at our own lots.
   */
  private clearSide(si: number, own: WorkingOrder[]): void {
    this.consumed[si].clear();
    this.traded[si].clear();
    this.clearedSides |= 1 << si;
    let price = Number.NaN;
    let ownAhead = 0;
    for (const w of own) {
      if (w.price !== price) {
        price = w.price;
        ownAhead = 0;
      }
      w.beforeClear = Math.max(0, w.ahead - ownAhead);
      w.ahead = ownAhead;
      ownAhead += w.leaves;
    }
  }

  private onDepth(t: Micros, kind: number, side: number, price: number, size: number): void {
    const si = side > 0 ? 0 : 1;
    const cons = this.consumed[si];
    if (cons.size > 0) cons.delete(price);
    const own = side > 0 ? this.bids : this.asks;
    if (own.length > 0) this.moveQueue(own, si, kind, side, price, size);
    const opp = side > 0 ? this.asks : this.bids;
    if (opp.length > 0 && size > 0) this.crossWithoutTrade(opp, t, side, price, size);
  }

  /** A depth row at a level where we may rest: decreases not explained by trades move us forward. */
  private moveQueue(
    own: WorkingOrder[],
    si: number,
    kind: number,
    side: number,
    price: number,
    size: number,
  ): void {
    let first = -1;
    for (let i = 0; i < own.length; i++) {
      if (own[i].price === price) {
        first = i;
        break;
      }
    }
    if (first < 0) return;
    const traded = this.traded[si];
    const tr = traded.get(price) ?? 0;
    if (tr > 0) traded.delete(price);
    if (kind === SNAPSHOT) {
      // Nothing is known of how the level changed: cap the market part at the new size, from
      // what it was before the side was cleared.
      const cleared = (this.clearedSides & (1 << si)) !== 0;
      let ownAhead = 0;
      for (let i = first; i < own.length && own[i].price === price; i++) {
        const w = own[i];
        const market = cleared ? w.beforeClear : Math.max(0, w.ahead - ownAhead);
        w.ahead = Math.min(market, size) + ownAhead;
        ownAhead += w.leaves;
      }
      return;
    }
    const old = this.o.book.side(side).sizeAt(price);
    if (size >= old) return;
    const explained = Math.min(old - size, tr);
    const decrease = old - size - explained;
    const displayed = old - explained;
    let ownAhead = 0;
    for (let i = first; i < own.length && own[i].price === price; i++) {
      const w = own[i];
      const front = Math.max(0, w.ahead - ownAhead);
      const moved = decrease > 0 ? this.o.queue.onDecrease(front, displayed, decrease) : front;
      // The market ahead of us is part of what the level shows, whatever the trades explained.
      w.ahead = Math.min(moved, size) + ownAhead;
      ownAhead += w.leaves;
    }
  }

  /** The opposite side's book reaches our price without a trade: we fill at our own price, as maker. */
  private crossWithoutTrade(opp: WorkingOrder[], t: Micros, side: number, price: number, size: number): void {
    let avail = size;
    let filled = 0;
    for (let i = 0; i < opp.length && avail > 0; i++) {
      const w = opp[i];
      // A bid row (side +1) crosses our asks priced at or below it, and vice versa.
      if (side > 0 ? w.price > price : w.price < price) break;
      const q = Math.min(w.leaves, avail);
      avail -= q;
      filled += q;
      this.fill(w, w.price, q, 'maker', t);
      this.shiftBehind(w, q);
    }
    if (filled > 0) {
      this.prune(opp, side > 0 ? 1 : 0);
      if (this.o.consumeLiquidity) this.consumed[side > 0 ? 0 : 1].set(price, filled);
    }
  }

  /** A print: an aggressor on one side trades against the other side's resting orders. */
  private onTradeRow(t: Micros, aggressor: number, price: number, size: number): void {
    if (aggressor <= 0 && this.bids.length > 0) this.tradeAgainst(this.bids, 0, 1, t, price, size);
    if (aggressor >= 0 && this.asks.length > 0) this.tradeAgainst(this.asks, 1, -1, t, price, size);
  }

  private tradeAgainst(
    own: WorkingOrder[],
    si: number,
    dir: number,
    t: Micros,
    price: number,
    size: number,
  ): void {
    let any = false;
    let atLevel = false;
    const left = size;
    for (let i = 0; i < own.length; i++) {
      const w = own[i];
      const d = (w.price - price) * dir;
      if (d < 0) break;
      if (d > 0) {
        // Traded through our price: the whole order fills at its own price.
        this.fill(w, w.price, w.leaves, 'maker', t);
        any = true;
        continue;
      }
      atLevel = true;
      // Queue estimates may be fractional (probabilistic models); fills are whole lots.
      const q = Math.min(w.leaves, Math.max(0, Math.floor(left - w.ahead + 1e-9)));
      w.ahead = Math.max(0, w.ahead - left);
      if (q > 0) {
        this.fill(w, w.price, q, 'maker', t);
        any = true;
      }
    }
    if (atLevel) {
      const traded = this.traded[si];
      traded.set(price, (traded.get(price) ?? 0) + size);
    }
    if (any) this.prune(own, si);
  }

  // ---- taking and resting ----------------------------------------------------------------------

  /** Lots visible to us on the side a `side` taker would hit, within `limit` (NaN: no limit). */
  private available(side: number, limit: number): number {
    const book = side > 0 ? this.o.book.asks : this.o.book.bids;
    const cons = this.consumed[side > 0 ? 1 : 0];
    let total = 0;
    for (let i = 0; i < book.levels; i++) {
      const p = book.priceAt(i);
      if (!Number.isNaN(limit) && (side > 0 ? p > limit : p < limit)) break;
      total += Math.max(0, book.sizeAtLevel(i) - (cons.get(p) ?? 0));
    }
    return total;
  }

  private crosses(side: number, limit: number): boolean {
    const book = side > 0 ? this.o.book.asks : this.o.book.bids;
    const cons = this.consumed[side > 0 ? 1 : 0];
    for (let i = 0; i < book.levels; i++) {
      const p = book.priceAt(i);
      if (side > 0 ? p > limit : p < limit) return false;
      if (book.sizeAtLevel(i) - (cons.get(p) ?? 0) > 0) return true;
    }
    return false;
  }

  /** Walks the visible book best-first at book prices, one fill per level. */
  private take(w: WorkingOrder, t: Micros): void {
    const book = w.side > 0 ? this.o.book.asks : this.o.book.bids;
    const cons = this.consumed[w.side > 0 ? 1 : 0];
    const limit = w.price;
    let taken = 0;
    for (let i = 0; i < book.levels && w.leaves > 0; i++) {
      const p = book.priceAt(i);
      if (!Number.isNaN(limit) && (w.side > 0 ? p > limit : p < limit)) break;
      const used = cons.get(p) ?? 0;
      const avail = book.sizeAtLevel(i) - used;
      if (avail <= 0) continue;
      const q = Math.min(avail, w.leaves);
      if (this.o.consumeLiquidity) cons.set(p, used + q);
      this.fill(w, p, q, 'taker', t);
      taken += q;
    }
    if (taken > 0 && this.o.impact) this.o.impact.record(t, w.side, taken);
  }

  /** Puts a limit order at the back of its level: Q = displayed size + our own lots there. */
  private rest(w: WorkingOrder): void {
    const own = w.side > 0 ? this.bids : this.asks;
    let at = own.length;
    let mine = 0;
    for (let i = 0; i < own.length; i++) {
      const d = (own[i].price - w.price) * w.side;
      if (d === 0) mine += own[i].leaves;
      if (d < 0) {
        at = i;
        break;
      }
    }
    w.ahead = this.o.book.side(w.side).sizeAt(w.price) + mine;
    w.resting = true;
    own.splice(at, 0, w);
  }

  private unrest(w: WorkingOrder): void {
    this.shiftBehind(w, w.leaves);
    const own = w.side > 0 ? this.bids : this.asks;
    const i = own.indexOf(w);
    if (i >= 0) own.splice(i, 1);
    w.resting = false;
    this.forgetTrades(w.side > 0 ? 0 : 1, own);
  }

  /** Trades remembered at a level we no longer rest at must not explain its next decrease. */
  private forgetTrades(si: number, own: WorkingOrder[]): void {
    const traded = this.traded[si];
    if (traded.size === 0) return;
    for (const price of traded.keys()) {
      if (!own.some((w) => w.price === price)) traded.delete(price);
    }
  }

  /** Our orders behind `w` at its level move up by `lots` (w shrinks or leaves). */
  private shiftBehind(w: WorkingOrder, lots: number): void {
    if (lots <= 0) return;
    const own = w.side > 0 ? this.bids : this.asks;
    for (let i = own.indexOf(w) + 1; i < own.length && own[i].price === w.price; i++) {
      own[i].ahead = Math.max(0, own[i].ahead - lots);
    }
  }

  /** Drops completed orders from a resting list (side index `si`). */
  private prune(own: WorkingOrder[], si: number): void {
    let k = 0;
    for (let i = 0; i < own.length; i++) {
      const w = own[i];
      if (w.leaves > 0) own[k++] = w;
      else w.resting = false;
    }
    own.length = k;
    this.forgetTrades(si, own);
  }

  private fill(w: WorkingOrder, bookPrice: number, lots: number, liquidity: Liquidity, t: Micros): void {
    w.leaves -= lots;
    w.filled += lots;
    if (w.leaves === 0) w.status = 'filled';
    let price = bookPrice;
    let impact: number | undefined;
    if (this.o.impact) {
      // Our earlier taking moved the price we take at; a maker fill is at its own limit, and no
      // fill is beyond the order's limit.
      if (liquidity === 'taker') {
        price = bookPrice + this.o.impact.current(t);
        if (!Number.isNaN(w.price)) price = w.side > 0 ? Math.min(price, w.price) : Math.max(price, w.price);
      }
      impact = w.side * (price - bookPrice);
    }
    const fee = this.o.fees.fee(liquidity, price, lots).toFixed();
    this.emitEvent(
      { tsExch: t, id: w.id, event: 'fill', price, size: lots, leaves: w.leaves, liquidity, fee, impact },
      'submit',
    );
  }

  /** Ends a working order: the rest of its size is canceled (or expired). */
  private finish(
    w: WorkingOrder,
    how: 'canceled' | 'expired',
    t: Micros,
    reason: string | undefined,
    kind: RequestKind,
  ): void {
    const lots = w.leaves;
    w.canceled += lots;
    w.leaves = 0;
    w.status = how;
    this.emitEvent({ tsExch: t, id: w.id, event: how, size: lots, leaves: 0, reason }, kind);
  }

  private emitEvent(e: ExchangeEvent, kind: RequestKind): void {
    // Drop absent optional fields so events compare and serialise cleanly.
    for (const k of Object.keys(e) as (keyof ExchangeEvent)[]) if (e[k] === undefined) delete e[k];
    this.o.emit(e, kind);
  }
}

function invalid(r: OrderRequest): string | undefined {
  if (r.side !== 1 && r.side !== -1) return 'side must be +1 or -1';
  if (!Number.isSafeInteger(r.size) || r.size <= 0) return 'size must be a positive whole number of lots';
  if (r.type === 'limit' && !Number.isSafeInteger(r.price))
    return 'limit price must be a whole number of ticks';
  if (r.type === 'market' && r.tif === 'POST_ONLY') return 'a market order cannot be post-only';
  if (r.type !== 'market' && r.type !== 'limit') return `unknown order type ${String(r.type)}`;
  return undefined;
}
