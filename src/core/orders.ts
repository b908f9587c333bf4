import type { Micros } from './time.ts';

/**
 * Order values shared by the simulated venue and the execution layer, so that a venue adapter is a
 * thin pass-through. Prices are integer ticks and sizes integer lots of the order's instrument.
 */

/** +1 buy, −1 sell. */
export type OrderSide = 1 | -1;
export type OrderType = 'market' | 'limit';
export type TimeInForce = 'GTC' | 'IOC' | 'FOK' | 'POST_ONLY';
export type Liquidity = 'maker' | 'taker';

/** What a strategy sends. `price` is NaN for market orders. */
export interface OrderRequest {
  id: string;
  side: OrderSide;
  type: OrderType;
  tif: TimeInForce;
  price: number;
  size: number;
}

export type OrderEventKind =
  | 'accepted'
  | 'rejected'
  | 'fill'
  | 'canceled'
  | 'expired'
  | 'modified'
  | 'cancel_rejected';

/** What comes back, stamped with both the exchange's time and the strategy's receive time. */
export interface OrderEvent {
  /** When the strategy receives it (local µs). */
  ts: Micros;
  /** When the exchange did it (µs). */
  tsExch: Micros;
  id: string;
  event: OrderEventKind;
  /** Fill price (ticks) for fills; the order's price for accepted/modified. */
  price?: number;
  /** Filled lots for fills; the order's size for accepted/modified. */
  size?: number;
  /** Lots still working after this event. */
  leaves?: number;
  liquidity?: Liquidity;
  /** Fee of this fill in quote currency (negative = rebate), as an exact decimal string. */
  fee?: string;
  /**
   * Price adjustment of this fill from the impact overlay, in ticks (signed against us: positive
   * means we paid more for a buy / received less for a sell). Absent when the overlay is off.
   */
  impact?: number;
  reason?: string;
}
