import { Decimal } from 'decimal.js';
import { keyedRecord } from '../core/index.ts';

/**
 * Sums without rounding: the products and sums of markouts and sizes have more digits than
 * Decimal's 20 significant ones, and kept whole they add up to the same value in any grouping — so
 * a strategy's curve, folded from its orders' sums, is what its fills give taken one by one. Only
 * additions and multiplications are made with it (they hold as many digits as their terms need);
 * a division at this precision would not end, so what it makes is handed out as a plain Decimal
 * (the same digits, copied unrounded).
 */
const Exact = Decimal.clone({ precision: 1e9 });
const exactSum = (a: Decimal, b: Decimal) => new Decimal(Exact.add(a, b));

/** Σ markout × size and Σ size over the fills that have a markout at one horizon. */
export interface MarkoutSum {
  weighted: Decimal;
  size: Decimal;
}

/** Per horizon key: the markout sums of no fill. */
export function emptyMarkoutSums(keys: readonly string[]): Record<string, MarkoutSum> {
  return keyedRecord(keys, () => ({ weighted: new Decimal(0), size: new Decimal(0) }));
}

/** Adds a fill's markout at one horizon, weighted by its size, into `sum` (in place). */
export function addMarkout(sum: MarkoutSum, markout: Decimal, size: Decimal): void {
  sum.weighted = exactSum(sum.weighted, Exact.mul(markout, size));
  sum.size = exactSum(sum.size, size);
}

/** Per horizon key, the sums of several orders' fills: their sums added up. */
export function foldMarkoutSums(
  sums: readonly Readonly<Record<string, MarkoutSum>>[],
  keys: readonly string[],
): Record<string, MarkoutSum> {
  const out = emptyMarkoutSums(keys);
  for (const s of sums) {
    for (const k of keys) {
      const part = s[k];
      if (part === undefined) continue;
      out[k].weighted = exactSum(out[k].weighted, part.weighted);
      out[k].size = exactSum(out[k].size, part.size);
    }
  }
  return out;
}

/**
 * The size-weighted mean markout per horizon key, Σ markout × size / Σ size (Decimal's precision),
 * undefined where no fill has one (or their sizes add up to zero).
 */
export function markoutCurveOf(
  sums: Readonly<Record<string, MarkoutSum>>,
  keys: readonly string[],
): Record<string, Decimal | undefined> {
  return keyedRecord(keys, (i) => {
    const s = sums[keys[i]];
    return s === undefined || s.size.isZero() ? undefined : s.weighted.div(s.size);
  });
}
