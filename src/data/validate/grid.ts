import { Decimal } from 'decimal.js';
import { InputError, type InputLocation, type Instrument } from '../../core/index.ts';

const PLAIN_RE = /^[+-]?\d+(\.\d*)?$/;
const EXP_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/**
 * Integer units in which an import works: prices are counted in 10^-priceDecimals, sizes in
 * 10^-sizeDecimals. A tick is `tickUnits` price units and a lot `lotUnits` size units. Working in
 * units (not ticks) lets a trade print between ticks (LOBSTER hidden executions at half pennies)
 * while every book row is still checked against the tick grid exactly.
 */
export interface Grid {
  priceDecimals: number;
  sizeDecimals: number;
  tickUnits: number;
  lotUnits: number;
  /** Decimals messages show at least (the instrument's own; default all of the grid's). */
  shownPriceDecimals?: number;
  shownSizeDecimals?: number;
}

/** The grid of an instrument, with at least `minPriceDecimals` price decimals (finer source units). */
export function gridOf(instrument: Instrument, minPriceDecimals = 0, minSizeDecimals = 0): Grid {
  const priceDecimals = Math.max(instrument.priceDecimals, minPriceDecimals);
  const sizeDecimals = Math.max(instrument.sizeDecimals, minSizeDecimals);
  if (priceDecimals > 22 || sizeDecimals > 22) {
    throw new InputError('bad-instrument', 'tick and lot sizes need at most 22 decimals');
  }
  return {
    priceDecimals,
    sizeDecimals,
    tickUnits: instrument.tickSize.mul(POW10[priceDecimals]).toNumber(),
    lotUnits: instrument.lotSize.mul(POW10[sizeDecimals]).toNumber(),
    shownPriceDecimals: instrument.priceDecimals,
    shownSizeDecimals: instrument.sizeDecimals,
  };
}

/**
 * Exact integer count of 10^-decimals in a decimal string. A value with more significant decimals
 * than the grid has cannot be on it (rule `off-grid`); text that is not a number is `not-a-number`.
 * Exponent notation is accepted through the slower exact path.
 */
export function parseUnits(text: string, decimals: number, what: string, where: InputLocation): number {
  let n: number;
  if (PLAIN_RE.test(text)) {
    const dot = text.indexOf('.');
    let intPart = dot < 0 ? text : text.slice(0, dot);
    let frac = dot < 0 ? '' : text.slice(dot + 1);
    let end = frac.length;
    while (end > 0 && frac.charCodeAt(end - 1) === 48) end--;
    frac = frac.slice(0, end);
    if (frac.length > decimals) throw offGrid(text, decimals, what, where);
    const negative = intPart.startsWith('-');
    if (negative || intPart.startsWith('+')) intPart = intPart.slice(1);
    n = Number(intPart + frac.padEnd(decimals, '0'));
    if (negative) n = -n;
  } else if (EXP_RE.test(text)) {
    const scaled = new Decimal(text).mul(POW10[decimals]);
    if (!scaled.isInteger()) throw offGrid(text, decimals, what, where);
    n = scaled.toNumber();
  } else {
    throw new InputError('not-a-number', `${what} '${text}' is not a decimal number`, where);
  }
  if (!Number.isSafeInteger(n)) {
    throw new InputError('out-of-range', `${what} ${text} is too large for the grid`, where);
  }
  return n;
}

function offGrid(text: string, decimals: number, what: string, where: InputLocation): InputError {
  return new InputError(
    'off-grid',
    `${what} ${text} has more decimals than the grid (${decimals}) allows`,
    where,
  );
}

/** The double nearest to units × 10^-decimals (one correctly rounded division). */
export function unitsToDouble(units: number, decimals: number): number {
  return units / POW10[decimals];
}

/** Nearest units of a double read back from a file; NaN when the double is not on the unit grid. */
export function doubleToUnits(value: number, decimals: number): number {
  const q = value * POW10[decimals];
  const r = Math.round(q);
  // Two roundings (decimal → double, × 10^d) move q by at most a few ulps of r.
  return Math.abs(q - r) <= Math.abs(r) * 4 * Number.EPSILON + 1e-9 ? r : Number.NaN;
}

/** units × 10^-decimals as an exact plain decimal string (for messages). */
export function formatUnits(units: number, decimals: number, minDecimals = decimals): string {
  if (!Number.isFinite(units)) return String(units);
  const negative = units < 0;
  const digits = String(Math.abs(units)).padStart(decimals + 1, '0');
  const cut = digits.length - decimals;
  let frac = digits.slice(cut);
  // Zeros past minDecimals say nothing (a grid finer than the instrument's, for sub-tick prints).
  let end = frac.length;
  while (end > minDecimals && frac.charCodeAt(end - 1) === 48) end--;
  frac = frac.slice(0, end);
  const text = frac.length > 0 ? `${digits.slice(0, cut)}.${frac}` : digits.slice(0, cut);
  return negative ? `-${text}` : text;
}
