import { describe, expect, it } from 'vitest';
import { groupBy } from '../../src/tca/index.ts';

describe('groupBy', () => {
  it('gives the keys sorted and each group in the order given', () => {
    const orders = [
      { id: 1, day: 'b' },
      { id: 2, day: 'a' },
      { id: 3, day: 'b' },
      { id: 4, day: 'c' },
      { id: 5, day: 'a' },
      { id: 6, day: 'b' },
    ];
    const groups = groupBy(orders, (o) => o.day);
    expect([...groups.keys()]).toEqual(['a', 'b', 'c']);
    expect([...groups.values()].map((g) => g.map((o) => o.id))).toEqual([[2, 5], [1, 3, 6], [4]]);
    // The input is left as it was.
    expect(orders.map((o) => o.id)).toEqual([1, 2, 3, 4, 5, 6]);
  });
});
