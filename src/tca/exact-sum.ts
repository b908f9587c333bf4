import { Decimal } from 'decimal.js';

/** Decimals of at most this many significant digits are told apart by doubles. */
const DIGITS = 15;

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
