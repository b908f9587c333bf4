import { Decimal } from 'decimal.js';
import { keyedRecord } from '../core/index.ts';
import type { FillAnalysis } from './order-analysis.ts';

/**
 * Size-weighted mean markout per horizon key over the fills of one or more orders, taken in the
 * order given: Σ markout × size / Σ size over the fills that have a markout at that horizon;
 * undefined where none has one (or their sizes add up to zero). One function for an order's own
 * curve and a group's, so both sum in the same order and print the same digits.
 */
export function sizeWeightedMarkouts(
  fillLists: readonly (readonly FillAnalysis[])[],
  keys: readonly string[],
): Record<string, Decimal | undefined> {
  return keyedRecord(keys, (i) => {
    let num = new Decimal(0);
    let den = new Decimal(0);
    for (const fills of fillLists) {
      for (const f of fills) {
        const m = f.markoutsBps[keys[i]];
        if (m === undefined) continue;
        num = num.add(m.mul(f.size));
        den = den.add(f.size);
      }
    }
    return den.isZero() ? undefined : num.div(den);
  });
}
