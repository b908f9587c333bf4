import type { Decimal } from 'decimal.js';

/** A parent order as TCA sees it: from a simulated run or a desk's own order log. */
export interface TcaOrder {
  id: string;
  /** +1 buy, −1 sell. */
  side: 1 | -1;
  size: Decimal;
  /** When the decision to trade was taken (µs). */
  decisionTs: number;
  /** End of the order's active interval (µs); default: the last fill, else the decision time. */
  endTs?: number;
  /** Explicit prices override what would be read from the market tape. */
  decisionPrice?: Decimal;
  arrivalPrice?: Decimal;
  endPrice?: Decimal;
  symbol?: string;
  strategy?: string;
  /** Label of the window the order ran in (paired comparisons match on it). */
  window?: string;
  /** Trading day `YYYY-MM-DD` (default from the decision time). */
  day?: string;
}

export interface TcaFill {
  orderId: string;
  ts: number;
  price: Decimal;
  size: Decimal;
  fee: Decimal;
  liquidity?: 'maker' | 'taker';
  childId?: string;
  /** Part of the price due to the modelled impact of our own trading, against us (quote units). */
  impact?: Decimal;
}
