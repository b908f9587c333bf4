import { Decimal } from 'decimal.js';
import type { OrderAnalysis } from '../tca/index.ts';

/**
 * An analysis as it crosses between threads: JSON text, with every finite Decimal as
 * { $digits: [sign, exponent, ...base-1e7 digit groups] } (its documented s, e and d: rebuilt
 * without parsing text, 0.3 µs a value against 1.5 µs from its string, and ~200 values an
 * analysis), NaN and ±Infinity Decimals as { $decimal: their text }, every number JSON cannot hold
 * (−0, NaN, ±Infinity) as { $number: its text } and an undefined member as { $undefined: true }
 * (the report prints a missing benchmark as null, so the key must come back). One string is
 * cheaper to make and to send than the structured clone of the analysis's objects.
 */
export type EncodedAnalysis = string & { readonly __encodedAnalysis: true };

const DIGITS = '$digits';
const DECIMAL = '$decimal';
/** What decimal.js recognises a Decimal by, for one made by another copy of it (or from JSON). */
const DECIMAL_TAG = '[object Decimal]';
const NUMBER = '$number';
const UNDEFINED = '$undefined';

export function encodeAnalysis(a: OrderAnalysis): EncodedAnalysis {
  return JSON.stringify(encode(a)) as EncodedAnalysis;
}

export function decodeAnalysis(text: EncodedAnalysis): OrderAnalysis {
  return decode(JSON.parse(text)) as OrderAnalysis;
}

function encode(v: unknown): unknown {
  if (v instanceof Decimal) {
    // A finite value's sign, exponent and digits as they are (a zero keeps its sign); NaN and
    // ±Infinity have no digits: valueOf, not toString.
    return v.isFinite() ? { [DIGITS]: [v.s, v.e, ...v.d] } : { [DECIMAL]: v.valueOf() };
  }
  if (typeof v === 'number') {
    if (Number.isFinite(v) && !Object.is(v, -0)) return v;
    return { [NUMBER]: Object.is(v, -0) ? '-0' : String(v) };
  }
  if (v === undefined) return { [UNDEFINED]: true };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = encode(o[k]);
    return out;
  }
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const digits = o[DIGITS];
    if (Array.isArray(digits)) {
      // decimal.js copies a Decimal-tagged object's s, e and d as they are, without rounding.
      return new Decimal({
        s: digits[0],
        e: digits[1],
        d: digits.slice(2),
        toStringTag: DECIMAL_TAG,
      } as unknown as Decimal);
    }
    const decimal = o[DECIMAL];
    if (typeof decimal === 'string') return new Decimal(decimal);
    const number = o[NUMBER];
    if (typeof number === 'string') return number === '-0' ? -0 : Number(number);
    if (o[UNDEFINED] === true) return undefined;
    // In place: the parsed object is this decoder's own, and JSON.parse lays out index-like keys
    // (markout horizons) compactly, where a copy into a fresh object takes ~3.8 KB a record
    // (see keyedRecord).
    for (const k in o) o[k] = decode(o[k]);
    return o;
  }
  return v;
}
