import type { BookReader } from '../book/index.ts';
import type { Instrument, Micros, OrderEvent, OrderRequest } from '../core/index.ts';

/**
 * The only things the execution layer knows about the world. The simulator implements them over the
 * simulated venue; a live adapter would implement them over a real gateway. Nothing in execution/
 * imports sim/ or venue/.
 */

/** Time as the strategy sees it, and timers. */
export interface Clock {
  now(): Micros;
  /** Calls `fn` at local time `at` (or at once, in order, if `at` is not in the future). */
  setTimer(at: Micros, fn: () => void): number;
  cancelTimer(id: number): void;
}

/** Where orders go. Events come back asynchronously through the listener, in receive order. */
export interface VenuePort {
  readonly instrument: Instrument;
  submit(order: OrderRequest): void;
  cancel(id: string): void;
  /** New price (ticks) and size (lots) for a working order. */
  modify(id: string, price: number, size: number): void;
  onOrderEvent(listener: (event: OrderEvent) => void): void;
}

/** A print on the tape as the strategy sees it. Price in ticks (may be fractional for sub-tick prints). */
export interface TradeTick {
  ts: Micros;
  /** Aggressor: +1 buy, −1 sell, 0 unknown. */
  side: number;
  price: number;
  size: number;
}

/** The market as the strategy sees it at its local time. */
export interface MarketDataView {
  readonly instrument: Instrument;
  readonly book: BookReader;
  /** Called after the local view changed the best bid or ask (price or size). */
  onQuote(listener: (ts: Micros) => void): void;
  onTrade(listener: (trade: TradeTick) => void): void;
}
