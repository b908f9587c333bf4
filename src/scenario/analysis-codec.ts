import { Decimal } from 'decimal.js';
import type { OrderAnalysis } from '../tca/index.ts';

/**
 * An analysis as it crosses between threads: JSON text, with every Decimal
 * as { $decimal: its exact text }, every number JSON cannot hold (−0, NaN, ±Infinity) as
 * { $number: its text } and an undefined member as { $undefined: true } (the report prints a
 * missing benchmark as null, so the key must come back). One string is cheaper to make and to
 * send than the structured clone of the analysis's objects.
 */
export type EncodedAnalysis = string & { readonly __encodedAnalysis: true };

const DECIMAL = '$decimal';
const NUMBER = '$number';
const UNDEFINED = '$undefined';

export function encodeAnalysis(a: OrderAnalysis): EncodedAnalysis {
  return JSON.stringify(encode(a)) as EncodedAnalysis;
}

export function decodeAnalysis(text: EncodedAnalysis): OrderAnalysis {
  return decode(JSON.parse(text)) as OrderAnalysis;
}

function encode(v: unknown): unknown {
  // valueOf, not toString: it keeps the sign of a negative zero.
  if (v instanceof Decimal) return { [DECIMAL]: v.valueOf() };
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
    const decimal = o[DECIMAL];
    if (typeof decimal === 'string') return new Decimal(decimal);
    const number = o[NUMBER];
    if (typeof number === 'string') return number === '-0' ? -0 : Number(number);
    if (o[UNDEFINED] === true) return undefined;
    const out: Record<string, unknown> = {};
    for (const k in o) out[k] = decode(o[k]);
    return out;
  }
  return v;
}
