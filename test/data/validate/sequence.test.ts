import { describe, expect, it } from 'vitest';
import { diffBridgesSnapshot, diffFollows, diffPrecedesSnapshot } from '../../../src/data/index.ts';

describe('Binance update-id rules', () => {
  it('futures: drop u < L, bridge U <= L <= u, then pu == previous u', () => {
    expect(diffPrecedesSnapshot('futures', { U: 1, u: 9 }, 10)).toBe(true);
    expect(diffPrecedesSnapshot('futures', { U: 1, u: 10 }, 10)).toBe(false);
    expect(diffBridgesSnapshot('futures', { U: 10, u: 12 }, 10)).toBe(true);
    expect(diffBridgesSnapshot('futures', { U: 11, u: 12 }, 10)).toBe(false);
    expect(diffFollows('futures', { U: 50, u: 60, pu: 12 }, 12)).toBe(true);
    expect(diffFollows('futures', { U: 13, u: 60, pu: 11 }, 12)).toBe(false);
  });

  it('spot: drop u <= L, bridge U <= L+1 <= u, then U == previous u + 1', () => {
    expect(diffPrecedesSnapshot('spot', { U: 1, u: 10 }, 10)).toBe(true);
    expect(diffBridgesSnapshot('spot', { U: 11, u: 12 }, 10)).toBe(true);
    expect(diffBridgesSnapshot('spot', { U: 12, u: 14 }, 10)).toBe(false);
    expect(diffFollows('spot', { U: 13, u: 20 }, 12)).toBe(true);
    expect(diffFollows('spot', { U: 14, u: 20 }, 12)).toBe(false);
  });
});
