import { Decimal } from 'decimal.js';
import { InputError, type InputLocation } from './errors.ts';

/** How to map a value that is not on the grid; `reject` is the default everywhere. */
export type GridRounding = 'reject' | 'nearest' | 'down' | 'up';

const DECIMAL_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** Parses a decimal string exactly; throws InputError (rule `not-a-number`) otherwise. */
export function parseDecimal(text: string, what: string, where: InputLocation = {}): Decimal {
  const t = text.trim();
  if (!DECIMAL_RE.test(t)) {
    throw new InputError('not-a-number', `${what} '${text}' is not a decimal number`, where);
  }
  return new Decimal(t);
}

/**
 * Exact count of `step`s in `value` (a decimal string or Decimal). Off-grid values are rejected
 * (rule `off-grid`) unless a rounding is asked for.
 */
export function toSteps(
  value: string | Decimal,
  step: Decimal,
  what: string,
  rounding: GridRounding = 'reject',
  where: InputLocation = {},
): number {
  const v = typeof value === 'string' ? parseDecimal(value, what, where) : value;
  const q = v.div(step);
  let n: Decimal;
  if (q.isInteger()) n = q;
  else if (rounding === 'reject') {
    throw new InputError(
      'off-grid',
      `${what} ${v.toString()} is not a multiple of ${step.toString()}`,
      where,
    );
  } else if (rounding === 'nearest') n = q.toDecimalPlaces(0, Decimal.ROUND_HALF_EVEN);
  else if (rounding === 'down') n = q.floor();
  else n = q.ceil();
  const out = n.toNumber();
  if (!Number.isSafeInteger(out)) {
    throw new InputError(
      'out-of-range',
      `${what} ${v.toString()} is too large for the grid step ${step}`,
      where,
    );
  }
  return out;
}

/** Number of decimal places needed to print multiples of `step` exactly. */
export function decimalPlaces(step: Decimal): number {
  return step.decimalPlaces();
}

/** Formats `steps × step` as a plain decimal string with exactly `places` decimals. */
export function formatSteps(steps: number, step: Decimal, places: number): string {
  return step.mul(steps).toFixed(places);
}

/**
 * formatSteps for one step and its places, without a Decimal per call: the step is a whole number
 * of 10^-places (`units`), so steps × units is the value's digits, exact while it is a safe
 * integer, and only the point is put in. Other products (or a step too fine for a safe `units`)
 * go through formatSteps, which gives the same strings.
 */
export function stepFormatter(step: Decimal, places: number): (steps: number) => string {
  const units = step.mul(new Decimal(10).pow(places)).toNumber();
  if (!Number.isSafeInteger(units)) return (steps) => formatSteps(steps, step, places);
  return (steps) => {
    const n = steps * units;
    if (!Number.isSafeInteger(n)) return formatSteps(steps, step, places);
    const digits = String(n < 0 ? -n : n);
    if (places === 0) return n < 0 ? `-${digits}` : digits;
    const padded = digits.length > places ? digits : digits.padStart(places + 1, '0');
    const cut = padded.length - places;
    const text = `${padded.slice(0, cut)}.${padded.slice(cut)}`;
    return n < 0 ? `-${text}` : text;
  };
}
