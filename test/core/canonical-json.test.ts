import { Decimal } from 'decimal.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '../../src/core/index.ts';

/** The definition: every object copied with its keys sorted, then JSON.stringify. */
function reference(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v !== null && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) {
        const x = (v as Record<string, unknown>)[k];
        if (x !== undefined) out[k] = sort(x);
      }
      return out;
    }
    return v;
  };
  return `${JSON.stringify(sort(value), null, 2)}\n`;
}

const key = fc.oneof(fc.constantFrom('a', 'b', 'B', 'ts', 'tsExch', '1', '10', '2', 'é', ''), fc.string());
const leaf = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const { value } = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 5 }),
  object: fc.dictionary(key, tie('value'), { maxKeys: 6 }),
}));

describe('canonicalJson', () => {
  it('is the sorted copy serialised: the same bytes for any JSON-like value', () => {
    fc.assert(
      fc.property(value, (v) => {
        expect(canonicalJson(v)).toBe(reference(v));
      }),
      { numRuns: 2000 },
    );
  });

  it('serialises objects already in order as they are, and does not change its input', () => {
    const inOrder = { a: 1, b: [{ x: '1', y: 2 }], c: { d: null } };
    const shuffled = { c: { d: null }, a: 1, b: [{ y: 2, x: '1' }], u: undefined };
    expect(canonicalJson(shuffled)).toBe(canonicalJson(inOrder));
    expect(Object.keys(shuffled)).toEqual(['c', 'a', 'b', 'u']);
    expect(canonicalJson(inOrder)).toBe(
      '{\n  "a": 1,\n  "b": [\n    {\n      "x": "1",\n      "y": 2\n    }\n  ],\n  "c": {\n    "d": null\n  }\n}\n',
    );
  });

  it('copies class instances to their own keys, as before, rather than calling their toJSON', () => {
    const d = new Decimal('1.5');
    expect(canonicalJson({ d })).toBe(reference({ d }));
    expect(canonicalJson({ d })).not.toContain('"1.5"');
  });

  it('refuses non-finite numbers, however deep', () => {
    expect(() => canonicalJson({ a: [{ b: Number.NaN }] })).toThrow('cannot hold the number NaN');
    expect(() => canonicalJson([Number.POSITIVE_INFINITY])).toThrow('Infinity');
  });
});
