import { describe, expect, it } from 'vitest';
import { Instrument, type OrderEvent } from '../../src/core/index.ts';
import { Account } from '../../src/venue/index.ts';
import { inverseBtcUsd } from './harness.ts';

const fill = (id: string, price: number, size: number, fee?: string): OrderEvent => ({
  ts: 0,
  tsExch: 0,
  id,
  event: 'fill',
  price,
  size,
  leaves: 0,
  liquidity: 'taker',
  fee,
});
const sides: Record<string, number> = { b: 1, s: -1 };

describe('account', () => {
  it('linear: a round trip leaves the price difference times the size, less fees', () => {
    const inst = new Instrument({ venue: 't', symbol: 'X', tickSize: '0.01', lotSize: '0.1' });
    const acct = new Account(inst, (id) => sides[id]);
    acct.onOrderEvent(fill('b', 10_000, 25, '0.05')); // buy 2.5 at 100.00
    expect(acct.position).toBe('2.5');
    expect(acct.cash.toFixed()).toBe('-250');
    expect(acct.pnl(10_100).toFixed()).toBe('2.45'); // 2.5 × 1.00 − 0.05
    acct.onOrderEvent(fill('s', 10_100, 25, '0.0505')); // sell 2.5 at 101.00
    expect(acct.positionLots).toBe(0);
    expect(acct.cash.toFixed()).toBe('2.5');
    expect(acct.fees.toFixed()).toBe('0.1005');
    expect(acct.pnl(1).toFixed()).toBe('2.3995');
  });

  it('inverse: a long in contracts gains in base currency as the price rises', () => {
    const acct = new Account(inverseBtcUsd, (id) => sides[id]);
    acct.onOrderEvent(fill('b', 80_000, 10)); // 10 × 100 USD at 40,000 = 0.025 BTC
    // Marked at 50,000: 0.025 − 0.02 = 0.005 BTC, the inverse contract's 1000·(1/40000 − 1/50000).
    expect(acct.pnl(100_000).toFixed()).toBe('0.005');
    acct.onOrderEvent(fill('s', 100_000, 10));
    expect(acct.cash.toFixed()).toBe('0.005');
  });

  it('a fill of an order it never saw is an error, not a silent zero', () => {
    const inst = new Instrument({ venue: 't', symbol: 'X', tickSize: '1', lotSize: '1' });
    expect(() => new Account(inst, () => undefined).onOrderEvent(fill('x', 1, 1))).toThrow(/never saw/);
  });
});
