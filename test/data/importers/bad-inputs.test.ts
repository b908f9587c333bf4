import { describe, expect, it } from 'vitest';
import { countKinds, FIXTURES, importRows, inputErrorOf } from './helpers.ts';

const BAD = `${FIXTURES}bad/`;

describe('bad inputs are errors naming rule, file and row', () => {
  it.each([
    ['tardis', 'bitmex_trades_unsorted-time.csv', 'unsorted-time', 4],
    ['tardis', 'bitmex_trades_negative-size.csv', 'negative-size', 3],
    ['tardis', 'deribit_incremental_book_L2_nan-size.csv', 'not-a-number', 4],
    ['tardis', 'deribit_incremental_book_L2_off-grid.csv', 'off-grid', 4],
    ['tardis', 'deribit_incremental_book_L2_off-grid-size.csv', 'off-grid', 4],
    ['tardis', 'deribit_incremental_book_L2_zero-price.csv', 'bad-price', 4],
    ['tardis', 'bitmex_trades_zero-price.csv', 'bad-price', 3],
    ['tardis', 'deribit_incremental_book_L2_missing-column.csv', 'missing-column', 1],
    ['tardis', 'deribit_incremental_book_L2_crossed.csv', 'crossed-book', 5],
    ['tardis', 'deribit_incremental_book_L2_crossed-snapshot.csv', 'crossed-book', 2],
    ['binance', 'binance-usdm-btcusdt-gap.txt', 'sequence-gap', 5],
  ] as const)('%s %s → %s at row %i', async (importer, name, rule, row) => {
    const err = await inputErrorOf(() => importRows(importer, [`${BAD}${name}`]));
    expect(err).toMatchObject({ rule, file: `${BAD}${name}`, row });
    expect(err.message.startsWith(`${BAD}${name}:row ${row}: ${rule}: `)).toBe(true);
  });

  it('missing-column names the column; crossed-book names prices and time', async () => {
    const missing = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}deribit_incremental_book_L2_missing-column.csv`]),
    );
    expect(missing.message).toMatch(/header lacks column amount$/);
    const crossed = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}deribit_incremental_book_L2_crossed.csv`]),
    );
    expect(crossed.message).toContain('best bid 6422.0 >= best ask 6421.5 at 2020-04-01T00:00:00.400000Z');
  });

  it('off-grid names a size off the lot (not only a price off the tick); bad-price names the price', async () => {
    const size = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}deribit_incremental_book_L2_off-grid-size.csv`]),
    );
    expect(size.message).toMatch(/: off-grid: size 15 is not a multiple of the lot 10$/);
    const depth = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}deribit_incremental_book_L2_zero-price.csv`]),
    );
    expect(depth.message).toMatch(/: bad-price: price 0\.0 is not positive$/);
    const trade = await inputErrorOf(() => importRows('tardis', [`${BAD}bitmex_trades_zero-price.csv`]));
    expect(trade.message).toMatch(/: bad-price: price 0\.0 is not positive$/);
  });

  it('LOBSTER: unsorted message times, short rows and row-count mismatches', async () => {
    const lob = (dir: string) => [
      `${BAD}${dir}/TEST_2012-06-21_0_0_message_1.csv`,
      `${BAD}${dir}/TEST_2012-06-21_0_0_orderbook_1.csv`,
    ];
    expect(await inputErrorOf(() => importRows('lobster', lob('lobster-unsorted')))).toMatchObject({
      rule: 'unsorted-time',
      file: lob('lobster-unsorted')[0],
      row: 2,
    });
    expect(await inputErrorOf(() => importRows('lobster', lob('lobster-short-row')))).toMatchObject({
      rule: 'missing-column',
      file: lob('lobster-short-row')[0],
      row: 2,
    });
    expect(await inputErrorOf(() => importRows('lobster', lob('lobster-count')))).toMatchObject({
      rule: 'row-count-mismatch',
      file: lob('lobster-count')[0],
      row: 2,
    });
  });

  it('--repair uncross removes the stale asks a newer bid crosses, with explicit deletions, counted', async () => {
    const rows = await importRows('tardis', [`${BAD}deribit_incremental_book_L2_crossed.csv`], {
      repairs: ['uncross'],
    });
    expect(rows.source.meta.provenance.findings).toEqual({ 'crossed-book': 1, 'uncross-removed-level': 2 });
    // CLEAR, 3 snapshot levels, the crossing bid, two deletions of the stale asks, the next bid.
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 3, DEPTH: 4 });
    expect(rows.kind.slice(5, 7)).toEqual([1, 1]);
    expect(rows.side.slice(5, 7)).toEqual([-1, -1]);
    expect(rows.price.slice(5, 7)).toEqual([6421.5, 6422]);
    expect(rows.size.slice(5, 7)).toEqual([0, 0]);
    expect(rows.tsLocal[5]).toBe(1585699200400000);
  });

  it('--repair uncross cannot repair a snapshot that is crossed in itself', async () => {
    const err = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}deribit_incremental_book_L2_crossed-snapshot.csv`], {
        repairs: ['uncross'],
      }),
    );
    expect(err.rule).toBe('crossed-book');
    expect(err.message).toContain('neither is stale');
  });

  it('--repair resync turns the gap into a counted CLEAR and drops diffs until a snapshot', async () => {
    const rows = await importRows('binance', [`${BAD}binance-usdm-btcusdt-gap.txt`], { repairs: ['resync'] });
    expect(rows.source.meta.provenance.findings).toEqual({
      'diff-before-snapshot': 1,
      'diff-dropped-awaiting-snapshot': 2,
      'sequence-gap': 1,
    });
    expect(countKinds(rows)).toEqual({ CLEAR: 2, SNAPSHOT: 4, DEPTH: 1, TRADE: 1 });
  });

  it('rejects unknown repairs', async () => {
    const err = await inputErrorOf(() =>
      importRows('tardis', [`${BAD}bitmex_trades_negative-size.csv`], { repairs: ['magic'] }),
    );
    expect(err.rule).toBe('bad-flag');
  });
});
