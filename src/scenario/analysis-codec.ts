import { Decimal } from 'decimal.js';
import type { OrderAnalysis } from '../tca/index.ts';

/** An analysis as it crosses between threads: every Decimal as its exact text. */
export type EncodedAnalysis = { readonly encoded: unknown };

const DECIMAL = '$decimal';

/** Decimals become { $decimal: text } (their exact value); the rest is structured-cloneable already. */
export function encodeAnalysis(a: OrderAnalysis): EncodedAnalysis {
  return { encoded: encode(a) };
}

export function decodeAnalysis(e: EncodedAnalysis): OrderAnalysis {
  return decode(e.encoded) as OrderAnalysis;
}

function encode(v: unknown): unknown {
  // valueOf, not toString: it keeps the sign of a negative zero.
  if (v instanceof Decimal) return { [DECIMAL]: v.valueOf() };
  if (Array.isArray(v)) return v.map(encode);
  if (v !== null && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) out[k] = encode(x);
    return out;
  }
  return v;
}

function decode(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(decode);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const text = o[DECIMAL];
    if (typeof text === 'string' && Object.keys(o).length === 1) return new Decimal(text);
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(o)) out[k] = decode(x);
    return out;
  }
  return v;
}
