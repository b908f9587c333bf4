import type { Decimal } from 'decimal.js';
import { decimalPlaces, type GridRounding, parseDecimal, stepFormatter, toSteps } from './decimal.ts';
import { InputError, type InputLocation } from './errors.ts';

/**
 * Linear: notional = price × size × multiplier (quote currency).
 * Inverse (e.g. COIN-M, Deribit perpetuals): size counts contracts of `multiplier` quote units, and
 * notional in the base currency is size × multiplier / price.
 */
export type ContractKind = 'linear' | 'inverse';

export interface InstrumentSpec {
  venue: string;
  symbol: string;
  tickSize: string;
  lotSize: string;
  contractMultiplier?: string;
  kind?: ContractKind;
  quoteCurrency?: string;
  baseCurrency?: string;
}

/**
 * What a tradable thing is, and the exact bridge between decimal strings (files, reports) and the
 * integer ticks and lots that every hot path uses.
 */
export class Instrument {
  readonly venue: string;
  readonly symbol: string;
  readonly tickSize: Decimal;
  readonly lotSize: Decimal;
  readonly contractMultiplier: Decimal;
  readonly kind: ContractKind;
  readonly quoteCurrency: string;
  readonly baseCurrency: string;
  /** Decimals needed to print a price / size exactly. */
  readonly priceDecimals: number;
  readonly sizeDecimals: number;
  /** Plain doubles of the steps, for hot-path arithmetic on numbers read from Parquet. */
  readonly tick: number;
  readonly lot: number;
  /** ticksToPrice and lotsToSize: records print every fill's and event's price and size. */
  private readonly formatTicks: (ticks: number) => string;
  private readonly formatLots: (lots: number) => string;

  constructor(spec: InstrumentSpec) {
    this.venue = spec.venue;
    this.symbol = spec.symbol;
    this.tickSize = positive(spec.tickSize, 'tick size');
    this.lotSize = positive(spec.lotSize, 'lot size');
    this.contractMultiplier = positive(spec.contractMultiplier ?? '1', 'contract multiplier');
    this.kind = spec.kind ?? 'linear';
    this.quoteCurrency = spec.quoteCurrency ?? '';
    this.baseCurrency = spec.baseCurrency ?? '';
    this.priceDecimals = decimalPlaces(this.tickSize);
    this.sizeDecimals = decimalPlaces(this.lotSize);
    this.tick = this.tickSize.toNumber();
    this.lot = this.lotSize.toNumber();
    this.formatTicks = stepFormatter(this.tickSize, this.priceDecimals);
    this.formatLots = stepFormatter(this.lotSize, this.sizeDecimals);
  }

  spec(): InstrumentSpec {
    return {
      venue: this.venue,
      symbol: this.symbol,
      tickSize: this.tickSize.toString(),
      lotSize: this.lotSize.toString(),
      contractMultiplier: this.contractMultiplier.toString(),
      kind: this.kind,
      quoteCurrency: this.quoteCurrency,
      baseCurrency: this.baseCurrency,
    };
  }

  /** Exact ticks of a decimal price; off-grid prices are an error unless a rounding is asked for. */
  priceToTicks(
    price: string | Decimal,
    rounding: GridRounding = 'reject',
    where: InputLocation = {},
  ): number {
    return toSteps(price, this.tickSize, 'price', rounding, where);
  }

  /** Exact lots of a decimal size; negative sizes are an error. */
  sizeToLots(size: string | Decimal, rounding: GridRounding = 'reject', where: InputLocation = {}): number {
    const lots = toSteps(size, this.lotSize, 'size', rounding, where);
    if (lots < 0) throw new InputError('negative-size', `size ${size.toString()} is negative`, where);
    return lots;
  }

  ticksToPrice(ticks: number): string {
    return this.formatTicks(ticks);
  }

  lotsToSize(lots: number): string {
    return this.formatLots(lots);
  }

  ticksToDecimal(ticks: number): Decimal {
    return this.tickSize.mul(ticks);
  }

  lotsToDecimal(lots: number): Decimal {
    return this.lotSize.mul(lots);
  }

  /**
   * Nearest tick of a price stored as a double (Parquet DOUBLE column). Doubles of on-grid decimals
   * land within 1e-6 ticks of an integer; anything further is off the grid and returns NaN.
   */
  ticksOfDouble(price: number): number {
    const q = price / this.tick;
    const r = Math.round(q);
    return Math.abs(q - r) <= 1e-6 ? r : Number.NaN;
  }

  /** Nearest lot of a size stored as a double; NaN when off the lot grid. */
  lotsOfDouble(size: number): number {
    const q = size / this.lot;
    const r = Math.round(q);
    return Math.abs(q - r) <= 1e-6 ? r : Number.NaN;
  }

  /**
   * Notional of `lots` at `ticks`, exact: in quote currency for linear instruments, in base
   * currency (size × multiplier / price) for inverse ones.
   */
  notional(ticks: number, lots: number): Decimal {
    const size = this.lotsToDecimal(lots).mul(this.contractMultiplier);
    if (this.kind === 'inverse') return size.div(this.ticksToDecimal(ticks));
    return this.ticksToDecimal(ticks).mul(size);
  }
}

function positive(text: string, what: string): Decimal {
  const d = parseDecimal(text, what);
  if (d.lte(0)) throw new InputError('bad-instrument', `${what} must be positive, got ${text}`);
  return d;
}
