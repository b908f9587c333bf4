import { describe, expect, it } from 'vitest';
import { keyedRecord } from '../../src/core/index.ts';
import { retainedBytesEach } from '../support/retained.ts';

const HORIZONS = ['1', '10', '60', '300'];

describe('keyedRecord', () => {
  it('holds each key with its value, undefined ones included, in the order JS gives index keys', () => {
    const r = keyedRecord(['300', '1', '60'], (i) => (i === 1 ? undefined : i * 10));
    expect(Object.keys(r)).toEqual(['1', '60', '300']);
    expect(r).toEqual({ '1': undefined, '60': 20, '300': 0 });
    expect('1' in r).toBe(true);
    expect(Object.getPrototypeOf(r)).toBe(Object.prototype);
    expect(keyedRecord([], () => 1)).toEqual({});
  });

  it('keeps four horizons in well under the 3.8 KB an object built key by key takes', () => {
    const compact = retainedBytesEach(5_000, (i) => keyedRecord(HORIZONS, () => i));
    const keyByKey = retainedBytesEach(5_000, (i) => {
      const o: Record<string, number> = {};
      for (const h of HORIZONS) o[h] = i;
      return o;
    });
    expect(keyByKey).toBeGreaterThan(3_000);
    expect(compact).toBeLessThan(600);
  });
});
