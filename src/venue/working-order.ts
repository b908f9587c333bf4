import type { OrderSide, OrderType, TimeInForce } from '../core/index.ts';

export type OrderStatus = 'working' | 'filled' | 'canceled' | 'expired' | 'rejected';

/** The exchange's record of one of our orders (ticks and lots). */
export interface WorkingOrder {
  readonly id: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  readonly tif: TimeInForce;
  /** Limit price in ticks (NaN for market orders). */
  price: number;
  /** Ordered lots, kept equal to filled + leaves + canceled (a modify changes it). */
  size: number;
  leaves: number;
  filled: number;
  canceled: number;
  /**
   * Estimated lots ahead of this order at its level, counting our own earlier orders there
   * (the feed's displayed size ahead plus our own leaves ahead).
   */
  ahead: number;
  /** The market part of `ahead` when its side was last cleared, for the snapshot that follows to cap. */
  beforeClear: number;
  status: OrderStatus;
  /** True while it rests in the book. */
  resting: boolean;
}
