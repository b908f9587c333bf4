import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeAnalysis, encodeAnalysis } from '../../src/scenario/analysis-codec.ts';
import type { OrderAnalysis } from '../../src/tca/index.ts';
import { retainedBytesEach } from '../support/retained.ts';

/** Values JSON alone would lose or alter, in the places an analysis holds them. */
function awkward(): OrderAnalysis {
  return {
    order: { id: 'o1', side: -1, size: new Decimal('0.003'), decisionTs: 1_700_000_000_000_000 },
    decisionPrice: new Decimal('61234.55'),
    arrivalPrice: new Decimal('-0'),
    endPrice: undefined,
    endTs: -0,
    filled: new Decimal('1e-30'),
    avgPrice: new Decimal('NaN'),
    fillRatio: new Decimal('Infinity'),
    fills: [
      {
        ts: Number.NaN,
        price: new Decimal('61234.5500000000000001'),
        size: new Decimal('0.001'),
        liquidity: 'maker',
        markoutsBps: { '1': new Decimal('-0.125'), '5': undefined },
        realisedSpreadBps: {},
      },
    ],
    markoutsBps: { '1': new Decimal('-0.125'), '5': undefined },
    markoutSums: {
      '1': { weighted: new Decimal('-0.000125'), size: new Decimal('0.001') },
      '5': { weighted: new Decimal(0), size: new Decimal(0) },
    },
    childCount: Number.POSITIVE_INFINITY,
    makerSize: new Decimal(0),
    takerSize: new Decimal('-Infinity'),
    shortfall: {
      delay: new Decimal(0),
      trading: new Decimal('1.5'),
      opportunity: new Decimal(0),
      fees: new Decimal('-0.0001'),
      total: new Decimal('1.4999'),
      totalBps: new Decimal('2.44'),
    },
    attribution: {
      delay: new Decimal(0),
      timing: new Decimal(0),
      spread: new Decimal(0),
      bookWalk: new Decimal(0),
      impact: new Decimal(0),
      unattributed: new Decimal(0),
      opportunity: new Decimal(0),
      fees: new Decimal(0),
    },
    benchmarks: { decision: { price: new Decimal(1), slippageBps: undefined }, intervalVwap: undefined },
  };
}

describe('the text an analysis crosses threads as', () => {
  it('gives back every Decimal exactly, signed zeros, non-finite numbers and undefined members included', () => {
    const a = awkward();
    const back = decodeAnalysis(encodeAnalysis(a));
    expect(back.arrivalPrice.isNeg() && back.arrivalPrice.isZero()).toBe(true);
    expect(back.fills[0].price.toFixed()).toBe('61234.5500000000000001');
    expect(back.filled.eq('1e-30')).toBe(true);
    expect(back.avgPrice?.isNaN()).toBe(true);
    expect(back.fillRatio.toString()).toBe('Infinity');
    expect(back.takerSize.toString()).toBe('-Infinity');
    expect(Object.is(back.endTs, -0)).toBe(true);
    expect(back.fills[0].ts).toBeNaN();
    expect(back.childCount).toBe(Number.POSITIVE_INFINITY);
    // A missing benchmark prints as null in the report, so its key must survive.
    expect(Object.keys(back.benchmarks)).toEqual(['decision', 'intervalVwap']);
    expect('endPrice' in back && back.endPrice === undefined).toBe(true);
    expect(Object.keys(back.fills[0].markoutsBps ?? {})).toEqual(['1', '5']);
    expect(back.fills[0].markoutsBps?.['1']?.valueOf()).toBe('-0.125');
    expect(back).toEqual(a);
  });

  it('gives back any finite Decimal with the same digits, exponent and sign', () => {
    // Up to 45 significant digits (more than the default precision of 20, as parsed inputs may
    // hold) and exponents far either side of the decimal point, zeros of both signs included.
    const decimalText = fc
      .tuple(fc.boolean(), fc.stringMatching(/^[0-9]{1,45}$/), fc.integer({ min: -60, max: 60 }))
      .map(([neg, digits, exp]) => `${neg ? '-' : ''}${digits}e${exp}`);
    fc.assert(
      fc.property(fc.array(decimalText, { minLength: 1, maxLength: 8 }), (texts) => {
        const a = awkward();
        const values = texts.map((t) => new Decimal(t));
        a.fills[0].markoutsBps = Object.fromEntries(values.map((v, i) => [String(i), v]));
        const back = decodeAnalysis(encodeAnalysis(a)).fills[0].markoutsBps ?? {};
        values.forEach((v, i) => {
          const b = back[String(i)] as Decimal;
          expect(b).toBeInstanceOf(Decimal);
          expect(b.valueOf()).toBe(v.valueOf());
          expect([b.s, b.e, b.d]).toEqual([v.s, v.e, v.d]);
        });
      }),
    );
  });

  it('decodes per-horizon records as compactly as JSON.parse lays them out', () => {
    // Two records of four horizons per fill: copied key by key into fresh objects, each took
    // ~3.8 KB (V8 elements for index-like keys), ~120 KB for these 16 fills.
    const a = awkward();
    const record = () => ({
      '1': new Decimal('1.5'),
      '10': undefined,
      '60': new Decimal(-2),
      '300': new Decimal(3),
    });
    a.fills = Array.from({ length: 16 }, () => ({
      ...a.fills[0],
      markoutsBps: record(),
      realisedSpreadBps: record(),
    }));
    const text = encodeAnalysis(a);
    const back = decodeAnalysis(text);
    const realised = back.fills[15].realisedSpreadBps ?? {};
    expect(Object.keys(realised)).toEqual(['1', '10', '60', '300']);
    expect(realised['10']).toBeUndefined();
    expect(realised['300']?.valueOf()).toBe('3');
    expect(retainedBytesEach(200, () => decodeAnalysis(text))).toBeLessThan(40_000);
  });
});
