import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IntegerSum, TickLotSum } from '../../src/core/index.ts';

describe('IntegerSum', () => {
  it('adds products exactly past 2^53, as bigints would', () => {
    fc.assert(
      fc.property(
        // Products just under 2^52, whose sum soon passes 2^53, and products beyond 2^53.
        fc.array(
          fc.oneof(
            fc.tuple(
              fc.integer({ min: 2 ** 25, max: 2 ** 26 }),
              fc.integer({ min: 2 ** 25, max: 2 ** 26 - 1 }),
            ),
            fc.tuple(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.integer({ min: 0, max: 2 ** 30 })),
          ),
          { maxLength: 300 },
        ),
        (terms) => {
          const sum = new IntegerSum();
          let want = 0n;
          for (const [a, b] of terms) {
            sum.addProduct(a, b);
            want += BigInt(a) * BigInt(b);
          }
          expect(sum.toDecimal().toFixed()).toBe(want.toString());
        },
      ),
    );
  });
});

describe('TickLotSum', () => {
  it('sums whole-tick products exactly past 2^53 and divides the exact sum', () => {
    // 600,000 ticks × 100,000 lots = 6·10^10 per trade; 200,000 such trades pass 2^53 ≈ 9.007·10^15.
    const sum = new TickLotSum();
    let plain = 0;
    for (let i = 0; i < 200_000; i++) {
      sum.add(600_000 + (i % 7), 100_000 - (i % 3));
      plain += (600_000 + (i % 7)) * (100_000 - (i % 3));
    }
    let want = 0n;
    for (let i = 0; i < 200_000; i++) want += BigInt(600_000 + (i % 7)) * BigInt(100_000 - (i % 3));
    expect(sum.toDecimal().toFixed()).toBe(want.toString());
    // The double sum drifted off the exact one; the TickLotSum did not.
    expect(BigInt(plain)).not.toBe(want);
    // Past 2^53 the ratio comes from the exact sum: over 1 it is the exact sum correctly rounded.
    expect(sum.ratio(1)).toBe(Number(want));
    expect(Number(want)).not.toBe(plain);
  });

  it('equals plain double arithmetic while the sum is an exact double', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 2 ** 20 }), fc.integer({ min: 1, max: 2 ** 20 })), {
          minLength: 1,
          maxLength: 100,
        }),
        (terms) => {
          const sum = new TickLotSum();
          let plain = 0;
          let lots = 0;
          for (const [p, q] of terms) {
            sum.add(p, q);
            plain += p * q;
            lots += q;
          }
          expect(sum.ratio(lots)).toBe(plain / lots);
          expect(sum.toDecimal().toNumber()).toBe(plain);
        },
      ),
    );
  });

  it('adds fractional prices (an impact-shifted fill) exactly as decimals', () => {
    const sum = new TickLotSum();
    sum.add(100, 3);
    sum.add(100.1, 3); // 100.1 as a double is 100.099999999999994…; × 3 in Decimal keeps every digit
    sum.add(2 ** 40, 2 ** 20); // a whole product past 2^53
    expect(sum.toDecimal().toFixed()).toBe(
      new Decimal(300).add(new Decimal(100.1).mul(3)).add(new Decimal(2).pow(60)).toFixed(),
    );
    // Past 20 significant digits (decimal.js's default precision) a fractional term still counts.
    const wide = new TickLotSum();
    wide.add(2 ** 40, 2 ** 30);
    wide.add(0.5, 1);
    expect(wide.toDecimal().toFixed()).toBe('1180591620717411303424.5');
    const small = new TickLotSum();
    small.add(100, 1);
    small.add(100.5, 1);
    expect(small.ratio(2)).toBe(100.25);
  });
});
