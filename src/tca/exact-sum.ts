import { Decimal } from 'decimal.js';

const SPILL = 2 ** 52;
/** Decimals of at most this many significant digits are told apart by doubles. */
const DIGITS = 15;

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
}

/**
 * For a decimal grid step, a function giving the n for which a double `x` is exactly n steps —
 * `new Decimal(x)` equals n × step — or NaN when that cannot be told cheaply (the caller then uses
 * Decimal). `new Decimal(x)` reads the shortest string of x; when x is the double nearest n × step
 * and n × step has at most 15 significant digits, that string is n × step itself. The nearest
 * double is n / k for an integer inverse step k (a correctly rounded division), or n × step for an
 * integer step below 2^53.
 */
export function gridUnitsOf(step: Decimal): (x: number) => number {
  const inverse = new Decimal(1).div(step);
  if (inverse.isInteger()) {
    const k = inverse.toNumber();
    // n × step = n / k has at most log10(|n| / k) + 1 + decimals(step) significant digits.
    const limit = 10 ** (DIGITS - step.decimalPlaces()) * k;
    return (x) => {
      const n = Math.round(x * k);
      return n / k === x && Math.abs(n) < limit ? n : Number.NaN;
    };
  }
  if (step.isInteger()) {
    const s = step.toNumber();
    return (x) => {
      const n = Math.round(x / s);
      return n * s === x && Math.abs(x) < 2 ** 53 ? n : Number.NaN;
    };
  }
  return () => Number.NaN;
}
