import { Decimal } from 'decimal.js';

const SPILL = 2 ** 52;

/**
 * A sum of integers that stays exact past 2^53: kept in a double while that is exact, spilled into
 * a bigint when it grows. Many products of ticks and lots add up this way at a few ns each, where a
 * Decimal per term costs microseconds.
 */
export class IntegerSum {
  private small = 0;
  private big = 0n;

  /** Adds a safe integer. */
  add(x: number): void {
    const s = this.small + x;
    // Below 2^52 the double sum was exact; otherwise it is redone exactly from the two terms.
    if (s < SPILL && s > -SPILL) this.small = s;
    else {
      this.big += BigInt(this.small) + BigInt(x);
      this.small = 0;
    }
  }

  /** Adds a × b for safe integers a and b. */
  addProduct(a: number, b: number): void {
    const p = a * b;
    if (Number.isSafeInteger(p)) this.add(p);
    else this.big += BigInt(a) * BigInt(b);
  }

  toDecimal(): Decimal {
    return new Decimal((this.big + BigInt(this.small)).toString());
  }

  /** The sum as a double when it is one exactly (it never passed 2^52), else undefined. */
  exactNumber(): number | undefined {
    return this.big === 0n ? this.small : undefined;
  }
}

/**
 * Decimals with room for every digit of a sum of double × safe-integer products (a double's 17
 * significant digits times 16 of lots, summed), where the default 20 digits would round.
 */
const Wide = Decimal.clone({ precision: 64 });

/**
 * Σ price × size for prices in ticks and sizes in whole lots, exact past 2^53 (DESIGN: sums of
 * tick × lot products use Decimal or bigint). Whole-tick prices go through an IntegerSum at a few
 * ns each; a fractional one (an impact-shifted fill, an off-grid print) is added as a 64-digit
 * Decimal (~0.7 µs).
 */
export class TickLotSum {
  private readonly whole = new IntegerSum();
  private fractional: Decimal | undefined;

  add(priceTicks: number, lots: number): void {
    if (Number.isInteger(priceTicks)) this.whole.addProduct(priceTicks, lots);
    else this.fractional = (this.fractional ?? new Wide(0)).add(new Wide(priceTicks).mul(lots));
  }

  toDecimal(): Decimal {
    const whole = this.whole.toDecimal();
    return this.fractional === undefined ? whole : new Wide(whole).add(this.fractional);
  }

  /**
   * The sum over `divisor` as a double: one correctly rounded division while the sum is an exact
   * double (so results match plain double arithmetic there), through Decimal past it.
   */
  ratio(divisor: number): number {
    const exact = this.fractional === undefined ? this.whole.exactNumber() : undefined;
    return exact !== undefined ? exact / divisor : this.toDecimal().div(divisor).toNumber();
  }
}
