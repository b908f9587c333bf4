import { describe, expect, it } from 'vitest';
import { InputError, Instrument } from '../../src/core/index.ts';

const btc = new Instrument({ venue: 'binance-usdm', symbol: 'BTCUSDT', tickSize: '0.1', lotSize: '0.001' });

describe('Instrument', () => {
  it('converts decimal prices and sizes to integer ticks and lots exactly', () => {
    expect(btc.priceToTicks('61234.5')).toBe(612345);
    expect(btc.sizeToLots('0.013')).toBe(13);
    expect(btc.ticksToPrice(612345)).toBe('61234.5');
    expect(btc.lotsToSize(13)).toBe('0.013');
    expect(btc.lotsToSize(1000)).toBe('1.000');
  });

  it('rejects prices off the tick grid unless a rounding is asked for', () => {
    expect(() => btc.priceToTicks('61234.55')).toThrow(InputError);
    expect(() => btc.priceToTicks('61234.55')).toThrow(/off-grid/);
    expect(btc.priceToTicks('61234.55', 'down')).toBe(612345);
    expect(btc.priceToTicks('61234.55', 'up')).toBe(612346);
    expect(btc.priceToTicks('61234.55', 'nearest')).toBe(612346); // half-even: 612345.5 → 612346
    expect(btc.priceToTicks('61234.45', 'nearest')).toBe(612344);
  });

  it('rejects negative sizes and non-numbers with the rule and place', () => {
    expect(() => btc.sizeToLots('-0.001', 'reject', { file: 'f.csv', row: 7 })).toThrow(
      'f.csv:row 7: negative-size: size -0.001 is negative',
    );
    expect(() => btc.priceToTicks('NaN')).toThrow(/not-a-number/);
  });

  it('maps doubles read from Parquet to ticks, and NaN when off the grid', () => {
    expect(btc.ticksOfDouble(61234.5)).toBe(612345);
    expect(btc.ticksOfDouble(0.1 + 0.2)).toBe(3);
    expect(btc.ticksOfDouble(61234.55)).toBeNaN();
    expect(btc.lotsOfDouble(0.013)).toBe(13);
  });

  it('computes exact notionals for linear and inverse contracts', () => {
    expect(btc.notional(612345, 13).toString()).toBe('796.0485');
    const inv = new Instrument({
      venue: 'binance-cm',
      symbol: 'BTCUSD_PERP',
      tickSize: '0.1',
      lotSize: '1',
      contractMultiplier: '100',
      kind: 'inverse',
    });
    // 3 contracts × 100 USD at 50,000 USD/BTC = 0.006 BTC
    expect(inv.notional(500000, 3).toString()).toBe('0.006');
  });
});
