import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { foldMarkoutSums, markoutCurveOf } from '../../src/tca/index.ts';
import { addMarkout, emptyMarkoutSums } from '../../src/tca/markout-curve.ts';

const KEYS = ['1', '60'];

/** A fill's markout per horizon (20 significant digits, as a quotient gives them) and its size. */
const fillArb = fc.record({
  markouts: fc.tuple(
    fc.option(fc.bigInt({ min: 1n - 10n ** 20n, max: 10n ** 20n - 1n }), { nil: undefined }),
    fc.option(fc.bigInt({ min: 1n - 10n ** 20n, max: 10n ** 20n - 1n }), { nil: undefined }),
  ),
  exp: fc.integer({ min: -25, max: 2 }),
  size: fc.integer({ min: 0, max: 2_000_000 }),
});
type FillCase = { markouts: [bigint | undefined, bigint | undefined]; exp: number; size: number };

const markoutOf = (f: FillCase, i: number) => {
  const m = f.markouts[i];
  return m === undefined ? undefined : new Decimal(`${m}e${f.exp}`);
};
const sizeOf = (f: FillCase) => new Decimal(f.size).div(1000);

function sumsOf(fills: FillCase[]) {
  const sums = emptyMarkoutSums(KEYS);
  for (const f of fills) {
    KEYS.forEach((k, i) => {
      const m = markoutOf(f, i);
      if (m !== undefined) addMarkout(sums[k], m, sizeOf(f));
    });
  }
  return sums;
}

describe('markout curves from sums', () => {
  it("give a group's curve as its fills taken one by one, however the fills are split into orders", () => {
    fc.assert(
      fc.property(
        fc.array(fillArb, { minLength: 0, maxLength: 30 }),
        fc.array(fc.integer({ min: 0, max: 30 }), { maxLength: 5 }),
        (fills, cuts) => {
          // The curve computed directly: exact sums (a precision no sum here reaches), one division.
          const Wide = Decimal.clone({ precision: 200 });
          const direct = KEYS.map((_, i) => {
            let num = new Wide(0);
            let den = new Wide(0);
            for (const f of fills) {
              const m = markoutOf(f, i);
              if (m === undefined) continue;
              num = num.add(Wide.mul(m, sizeOf(f)));
              den = den.add(sizeOf(f));
            }
            return den.isZero() ? undefined : new Decimal(num).div(den).toString();
          });
          const bounds = [...new Set([0, ...cuts.map((c) => Math.min(c, fills.length)), fills.length])].sort(
            (a, b) => a - b,
          );
          const orders = bounds.slice(1).map((end, j) => sumsOf(fills.slice(bounds[j], end)));
          const curve = markoutCurveOf(foldMarkoutSums(orders, KEYS), KEYS);
          expect(KEYS.map((k) => curve[k]?.toString())).toEqual(direct);
          expect(markoutCurveOf(sumsOf(fills), KEYS)).toEqual(curve);
        },
      ),
    );
  });

  it('are plain Decimals, which divide at the default precision', () => {
    const sums = emptyMarkoutSums(KEYS);
    addMarkout(sums['1'], new Decimal('1.23456789012345678901'), new Decimal('0.003'));
    expect(sums['1'].weighted.toString()).toBe('0.00370370367037037036703');
    expect(sums['1'].weighted.constructor).toBe(Decimal);
    // 0.00123456789012345678901 at 20 significant digits.
    expect(sums['1'].weighted.div(3).toString()).toBe('0.001234567890123456789');
  });

  it('leave a horizon no fill reached undefined, and one whose sizes add up to zero', () => {
    const sums = emptyMarkoutSums(KEYS);
    addMarkout(sums['1'], new Decimal('2.5'), new Decimal(0));
    expect(markoutCurveOf(sums, KEYS)).toEqual({ '1': undefined, '60': undefined });
  });
});
