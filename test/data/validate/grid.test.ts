import { describe, expect, it } from 'vitest';
import { Instrument } from '../../../src/core/index.ts';
import { doubleToUnits, formatUnits, gridOf, parseUnits, unitsToDouble } from '../../../src/data/index.ts';

const at = { file: 'f.csv', row: 3 };

describe('grid units', () => {
  it('parses decimal strings exactly, ignoring trailing zeros', () => {
    expect(parseUnits('61737.63000000', 2, 'price', at)).toBe(6173763);
    expect(parseUnits('0.00002000', 5, 'size', at)).toBe(2);
    expect(parseUnits('1001', 0, 'size', at)).toBe(1001);
    expect(parseUnits('-1.5', 1, 'size', at)).toBe(-15);
    expect(parseUnits('1e-5', 5, 'size', at)).toBe(1);
  });

  it('rejects more decimals than the grid has, and non-numbers, naming file and row', () => {
    expect(() => parseUnits('61737.635', 2, 'price', at)).toThrow(
      'f.csv:row 3: off-grid: price 61737.635 has more decimals than the grid (2) allows',
    );
    expect(() => parseUnits('NaN', 2, 'size', at)).toThrow(/not-a-number/);
    expect(() => parseUnits('', 2, 'size', at)).toThrow(/not-a-number/);
  });

  it('derives units from the instrument, finer for sources with finer prices', () => {
    const usdm = new Instrument({ venue: 'v', symbol: 's', tickSize: '0.1', lotSize: '0.001' });
    expect(gridOf(usdm)).toMatchObject({ priceDecimals: 1, sizeDecimals: 3, tickUnits: 1, lotUnits: 1 });
    const eth = new Instrument({ venue: 'v', symbol: 's', tickSize: '0.01', lotSize: '0.00002' });
    expect(gridOf(eth)).toMatchObject({ priceDecimals: 2, sizeDecimals: 5, tickUnits: 1, lotUnits: 2 });
    const stock = new Instrument({ venue: 'v', symbol: 's', tickSize: '0.01', lotSize: '1' });
    expect(gridOf(stock, 4)).toEqual({
      priceDecimals: 4,
      sizeDecimals: 0,
      tickUnits: 100,
      lotUnits: 1,
      // Messages still show the stock's cents, not the source's 4 decimals.
      shownPriceDecimals: 2,
      shownSizeDecimals: 0,
    });
  });

  it('converts units to the double nearest the decimal, and back', () => {
    expect(unitsToDouble(618003, 1)).toBe(61800.3);
    expect(unitsToDouble(2237950, 4)).toBe(223.795);
    expect(doubleToUnits(61800.3, 1)).toBe(618003);
    expect(doubleToUnits(0.00002, 5)).toBe(2);
    expect(doubleToUnits(61800.35, 1)).toBeNaN();
    expect(formatUnits(618003, 1)).toBe('61800.3');
    expect(formatUnits(2, 5)).toBe('0.00002');
    expect(formatUnits(-15, 1)).toBe('-1.5');
    // On a grid finer than the instrument's, zeros past the instrument's decimals are dropped.
    expect(formatUnits(1_000_150, 4, 2)).toBe('100.015');
    expect(formatUnits(1_000_000, 4, 2)).toBe('100.00');
    expect(formatUnits(-10, 1, 0)).toBe('-1');
    expect(formatUnits(5_000, 4, 0)).toBe('0.5');
  });
});
