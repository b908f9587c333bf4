import { L2Book } from '../../src/book/index.ts';
import { Instrument, type OrderEvent, type OrderRequest } from '../../src/core/index.ts';
import type {
  Clock,
  ExecutionContext,
  MarketDataView,
  TradeTick,
  VenuePort,
} from '../../src/execution/index.ts';

/**
 * A tiny in-memory world for the execution layer: a clock with timers, a book the test sets, and a
 * venue that answers at once — IOC/market children fill against the far touch's displayed size at
 * its price, post-only children rest until the test fills or the strategy cancels them. It shares
 * nothing with sim/ or venue/, which is the point.
 */
export class FakeWorld implements ExecutionContext {
  readonly instrument = new Instrument({ venue: 'fake', symbol: 'FAKE', tickSize: '0.1', lotSize: '0.1' });
  readonly book = new L2Book();
  now = 0;
  private timers: { at: number; seq: number; id: number; fn: () => void }[] = [];
  private seq = 0;
  private orderListeners: ((e: OrderEvent) => void)[] = [];
  private quoteListeners: ((ts: number) => void)[] = [];
  private tradeListeners: ((t: TradeTick) => void)[] = [];
  readonly sent: (OrderRequest & { at: number })[] = [];
  readonly cancels: string[] = [];
  readonly resting = new Map<string, OrderRequest & { leaves: number }>();

  readonly clock: Clock = {
    now: () => this.now,
    setTimer: (at, fn) => {
      const id = ++this.seq;
      this.timers.push({ at: Math.max(at, this.now), seq: id, id, fn });
      this.timers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      return id;
    },
    cancelTimer: (id) => {
      this.timers = this.timers.filter((t) => t.id !== id);
    },
  };

  readonly venue: VenuePort = {
    instrument: this.instrument,
    submit: (o) => {
      this.sent.push({ ...o, at: this.now });
      this.emit({ id: o.id, event: 'accepted', size: o.size, leaves: o.size });
      if (o.tif === 'POST_ONLY') {
        this.resting.set(o.id, { ...o, leaves: o.size });
        return;
      }
      const far = o.side > 0 ? this.book.asks : this.book.bids;
      const touch = far.best();
      const ok =
        !Number.isNaN(touch) && (o.type === 'market' || (o.side > 0 ? touch <= o.price : touch >= o.price));
      const fill = ok ? Math.min(o.size, far.bestSize()) : 0;
      if (fill > 0)
        this.emit({
          id: o.id,
          event: 'fill',
          price: touch,
          size: fill,
          leaves: o.size - fill,
          liquidity: 'taker',
          fee: '0',
        });
      if (fill < o.size) this.emit({ id: o.id, event: 'canceled', size: o.size - fill, leaves: 0 });
    },
    cancel: (id) => {
      this.cancels.push(id);
      const r = this.resting.get(id);
      if (!r) return this.emit({ id, event: 'cancel_rejected' });
      this.resting.delete(id);
      this.emit({ id, event: 'canceled', size: r.leaves, leaves: 0 });
    },
    modify: () => {},
    onOrderEvent: (l) => {
      this.orderListeners.push(l);
    },
  };

  readonly market: MarketDataView = {
    instrument: this.instrument,
    book: this.book,
    onQuote: (l) => {
      this.quoteListeners.push(l);
    },
    onTrade: (l) => {
      this.tradeListeners.push(l);
    },
  };

  /** Sets the touch: bid/ask in ticks with sizes in lots. */
  quote(bid: number, ask: number, bidSize = 1000, askSize = 1000): void {
    this.book.clear();
    this.book.apply(1, 1, bid, bidSize);
    this.book.apply(1, -1, ask, askSize);
    for (const l of this.quoteListeners) l(this.now);
  }

  trade(side: number, price: number, size: number): void {
    for (const l of this.tradeListeners) l({ ts: this.now, side, price, size });
  }

  /** Fills a resting child (as a market trade would). */
  fillResting(id: string, size: number): void {
    const r = this.resting.get(id)!;
    r.leaves -= size;
    if (r.leaves === 0) this.resting.delete(id);
    this.emit({ id, event: 'fill', price: r.price, size, leaves: r.leaves, liquidity: 'maker', fee: '0' });
  }

  /** Runs timers up to and including `to`. */
  advance(to: number): void {
    while (this.timers.length && this.timers[0].at <= to) {
      const t = this.timers.shift()!;
      this.now = t.at;
      t.fn();
    }
    this.now = to;
  }

  private emit(e: Omit<OrderEvent, 'ts' | 'tsExch'>): void {
    const ev: OrderEvent = { ts: this.now, tsExch: this.now, ...e };
    for (const l of this.orderListeners) l(ev);
  }
}
