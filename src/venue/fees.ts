import { Decimal } from 'decimal.js';
import type { Instrument, Liquidity } from '../core/index.ts';

/**
 * Fee schedule. Rates in bps of notional (negative = rebate) and/or a per-unit charge (per share or
 * per contract, in quote currency) clamped to [min, max] per fill. Notional comes from
 * Instrument.notional, so inverse contracts pay in the base currency.
 */
export interface FeeSchedule {
  makerBps?: number;
  takerBps?: number;
  perUnit?: number;
  perUnitMin?: number;
  perUnitMax?: number;
}

export class FeeModel {
  private readonly maker: Decimal;
  private readonly taker: Decimal;
  private readonly perUnit: Decimal;
  private readonly min: Decimal | undefined;
  private readonly max: Decimal | undefined;
  readonly free: boolean;

  constructor(
    private readonly instrument: Instrument,
    s: FeeSchedule = {},
  ) {
    this.maker = new Decimal(s.makerBps ?? 0).div(10_000);
    this.taker = new Decimal(s.takerBps ?? 0).div(10_000);
    this.perUnit = new Decimal(s.perUnit ?? 0);
    this.min = s.perUnitMin === undefined ? undefined : new Decimal(s.perUnitMin);
    this.max = s.perUnitMax === undefined ? undefined : new Decimal(s.perUnitMax);
    this.free = this.maker.isZero() && this.taker.isZero() && this.perUnit.isZero();
  }

  /** Fee of one fill (price in ticks, possibly fractional; size in lots) as an exact decimal. */
  fee(liquidity: Liquidity, price: number, lots: number): Decimal {
    if (this.free) return new Decimal(0);
    const rate = liquidity === 'maker' ? this.maker : this.taker;
    let fee = this.instrument.notional(price, lots).mul(rate);
    if (!this.perUnit.isZero()) {
      let unit = this.perUnit.mul(this.instrument.lotsToDecimal(lots));
      if (this.min && unit.lt(this.min)) unit = this.min;
      if (this.max && unit.gt(this.max)) unit = this.max;
      fee = fee.add(unit);
    }
    return fee;
  }
}
