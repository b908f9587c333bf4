import type { Micros } from '../core/index.ts';
import type { Clock, MarketDataView, VenuePort } from './ports.ts';

export type Urgency = 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
export const URGENCY_RANK: Record<Urgency, number> = { LOW: 0, MEDIUM: 1, HIGH: 2, CRITICAL: 3 };

/** Lifecycle of parent and child orders. */
export type OrderStatus =
  | 'pending'
  | 'submitted'
  | 'partially_filled'
  | 'filled'
  | 'cancelled'
  | 'rejected'
  | 'expired';

/** A parent order to work: size in lots, times in local µs, optional limit in ticks. */
export interface ParentOrder {
  id: string;
  symbol?: string;
  side: 1 | -1;
  sizeLots: number;
  startUs: Micros;
  endUs: Micros;
  urgency: Urgency;
  limitTicks?: number;
}

/** What algorithms are given: the ports, nothing else. */
export interface ExecutionContext {
  clock: Clock;
  venue: VenuePort;
  market: MarketDataView;
}

export type ParamValue = number | string | boolean | number[];
export type Params = Record<string, ParamValue>;

export interface FillRecord {
  childId: string;
  ts: Micros;
  price: number;
  size: number;
  liquidity?: 'maker' | 'taker';
  fee: string;
}

export interface SliceRecord {
  childId: string;
  ts: Micros;
  kind: 'market' | 'ioc' | 'post' | 'repeg';
  price: number;
  size: number;
  reason?: string;
}

/** The outcome of one parent order. */
export interface ExecutionResult {
  orderId: string;
  strategy: string;
  status: OrderStatus;
  sizeLots: number;
  filledLots: number;
  /** Volume-weighted fill price in ticks; NaN when nothing filled. */
  avgPrice: number;
  /** Σ fees, quote currency (exact decimal string). */
  fees: string;
  slices: SliceRecord[];
  fills: FillRecord[];
  startUs: Micros;
  endUs: Micros;
  /** Why the order ended short of its size, when it did. */
  note?: string;
  /** Decisions the strategy logged (router choice, adaptive signals). */
  log: Record<string, ParamValue>[];
}

/** Why a parent order cannot be worked, or undefined when it can. */
export function invalidParent(o: ParentOrder, instrumentSymbol?: string): string | undefined {
  if (!Number.isSafeInteger(o.sizeLots) || o.sizeLots <= 0)
    return 'size must be a positive whole number of lots';
  if (o.endUs < o.startUs) return 'end time is before start time';
  if (o.limitTicks !== undefined && !Number.isSafeInteger(o.limitTicks))
    return 'limit price is off the tick grid';
  if (o.symbol !== undefined && instrumentSymbol !== undefined && o.symbol !== instrumentSymbol) {
    return `unknown symbol ${o.symbol} (this venue trades ${instrumentSymbol})`;
  }
  return undefined;
}

/** Reads a numeric parameter with a default, refusing what is out of range. */
export function numParam(
  params: Params,
  name: string,
  dflt: number,
  min = Number.NEGATIVE_INFINITY,
  max = Number.POSITIVE_INFINITY,
): number {
  const v = params[name] ?? dflt;
  if (typeof v !== 'number' || Number.isNaN(v) || v < min || v > max) {
    throw new RangeError(`parameter ${name} must be a number in [${min}, ${max}], got ${JSON.stringify(v)}`);
  }
  return v;
}

export function boolParam(params: Params, name: string, dflt: boolean): boolean {
  const v = params[name] ?? dflt;
  if (typeof v !== 'boolean')
    throw new RangeError(`parameter ${name} must be true or false, got ${JSON.stringify(v)}`);
  return v;
}
