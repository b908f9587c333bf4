import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatSteps, stepFormatter } from '../../src/core/decimal.ts';

/** A grid step as venues write them: a few digits times a power of ten (0.5, 0.001, 25, 1e-8). */
const steps = fc
  .record({ digits: fc.integer({ min: 1, max: 9999 }), exponent: fc.integer({ min: -12, max: 3 }) })
  .map(({ digits, exponent }) => new Decimal(`${digits}e${exponent}`));

/** Counts of steps near zero, of every size up to past where steps × units stops being safe. */
const counts = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer(),
  fc.maxSafeInteger(),
  fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER),
);

describe('stepFormatter', () => {
  it('prints what formatSteps prints, for any step and count', () => {
    fc.assert(
      fc.property(steps, counts, (step, n) => {
        const places = step.decimalPlaces();
        expect(stepFormatter(step, places)(n)).toBe(formatSteps(n, step, places));
      }),
      { numRuns: 5000 },
    );
  });

  it('puts the point in by the step’s places, padding and signing as Decimal does', () => {
    const tenth = stepFormatter(new Decimal('0.1'), 1);
    expect([tenth(612345), tenth(7), tenth(0), tenth(-0), tenth(-3)]).toEqual([
      '61234.5',
      '0.7',
      '0.0',
      '0.0',
      '-0.3',
    ]);
    const lot = stepFormatter(new Decimal('0.001'), 3);
    expect([lot(13), lot(1000), lot(-1)]).toEqual(['0.013', '1.000', '-0.001']);
    expect(stepFormatter(new Decimal('25'), 0)(-4)).toBe('-100');
    expect(stepFormatter(new Decimal('0.5'), 2)(3)).toBe('1.50');
  });

  it('falls back to Decimal where steps × units is past 2^53', () => {
    const fine = stepFormatter(new Decimal('0.00000001'), 8);
    expect(fine(Number.MAX_SAFE_INTEGER)).toBe('90071992.54740991');
    expect(fine(2 ** 60)).toBe(new Decimal(2 ** 60).mul('1e-8').toFixed(8));
  });
});
