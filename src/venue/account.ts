import { Decimal } from 'decimal.js';
import type { Instrument, OrderEvent } from '../core/index.ts';

/**
 * The strategy's position and cash from the fills it has been told of (its own view: after the
 * response latency). Cash is in the settlement currency, exact: for a linear instrument a buy pays
 * its notional in quote currency (cash −= price × size × multiplier); for an inverse one the
 * notional is in base currency and a long position of contracts gains as the price rises, so a
 * buy adds size × multiplier / price. Fees are kept apart (negative = rebates). Fills are only
 * noted as they come; the decimals are summed when asked for, so a run pays nothing for them.
 */
export class Account {
  /** Signed lots: bought minus sold. */
  positionLots = 0;
  /** Per fill: side × lots, and the price in ticks. */
  private readonly signedLots: number[] = [];
  private readonly prices: number[] = [];
  private readonly feeTexts: string[] = [];
  private summed = 0;
  private cashSum = new Decimal(0);
  private feeSum = new Decimal(0);

  constructor(
    private readonly instrument: Instrument,
    /** The side (+1 buy, −1 sell) of one of our order ids. */
    private readonly sideOf: (id: string) => number | undefined,
  ) {}

  onOrderEvent(e: OrderEvent): void {
    if (e.event !== 'fill' || e.price === undefined || e.size === undefined) return;
    const side = this.sideOf(e.id);
    if (side === undefined) throw new Error(`fill of order ${e.id}, which the account never saw`);
    this.positionLots += side * e.size;
    this.signedLots.push(side * e.size);
    this.prices.push(e.price);
    if (e.fee !== undefined) this.feeTexts.push(e.fee);
  }

  /** The position in base units (lots × lot size), as an exact decimal string. */
  get position(): string {
    return this.instrument.lotsToDecimal(this.positionLots).toFixed();
  }

  /** Cash paid (negative) or received for the fills so far, before fees. */
  get cash(): Decimal {
    this.sum();
    return this.cashSum;
  }

  /** Fees of the fills so far (negative = rebates). */
  get fees(): Decimal {
    this.sum();
    return this.feeSum;
  }

  /** Cash after fees plus the position valued at `markTicks`: the profit or loss so far. */
  pnl(markTicks: number): Decimal {
    const lots = this.positionLots;
    const value = lots === 0 ? new Decimal(0) : this.held(markTicks, Math.abs(lots)).mul(Math.sign(lots));
    return this.cash.sub(this.fees).add(value);
  }

  private sum(): void {
    for (let i = this.summed; i < this.signedLots.length; i++) {
      const lots = this.signedLots[i];
      this.cashSum = this.cashSum.sub(this.held(this.prices[i], Math.abs(lots)).mul(Math.sign(lots)));
    }
    this.summed = this.signedLots.length;
    for (const f of this.feeTexts.splice(0)) this.feeSum = this.feeSum.add(f);
  }

  /** What `lots` at `ticks` are worth to their holder, in the settlement currency. */
  private held(ticks: number, lots: number): Decimal {
    const notional = this.instrument.notional(ticks, lots);
    return this.instrument.kind === 'inverse' ? notional.neg() : notional;
  }
}
