import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { L2Book } from '../../../src/book/index.ts';
import { Instrument } from '../../../src/core/index.ts';
import { countKinds, FIXTURES, importRows, inputErrorOf } from './helpers.ts';

const T = `${FIXTURES}tardis/`;

function csvRows(file: string): string[][] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l !== '')
    .slice(1)
    .map((l) => l.split(','));
}

describe('tardis importer', () => {
  it('incremental_book_L2: a snapshot block starts with CLEAR, then its levels as SNAPSHOT rows', async () => {
    const rows = await importRows('tardis', [`${T}deribit_incremental_book_L2_BTC-PERPETUAL.csv`]);
    expect(countKinds(rows)).toEqual({ CLEAR: 1, SNAPSHOT: 15 });
    expect(rows.marks.length).toBe(1); // one block = one group
    expect(rows.source.meta.instrument).toMatchObject({
      venue: 'deribit',
      symbol: 'BTC-PERPETUAL',
      tickSize: '0.5',
      lotSize: '10',
      kind: 'inverse',
    });
    expect(rows.tsExch[0]).toBe(1585699200245000);
    expect(rows.tsLocal[0]).toBe(1585699200355684);
    const csv = csvRows(`${T}deribit_incremental_book_L2_BTC-PERPETUAL.csv`);
    expect(rows.price.slice(1)).toEqual(csv.map((f) => Number(f[6])));
    expect(rows.size.slice(1)).toEqual(csv.map((f) => Number(f[7])));
    expect(rows.side.slice(1).every((s) => s === -1)).toBe(true);
  });

  it('book_snapshot_5 and _25: each row is CLEAR + the full top-N state, equal to the row', async () => {
    for (const n of [5, 25]) {
      const file = `${T}binance-futures_book_snapshot_${n}_BTCUSDT.csv`;
      const rows = await importRows('tardis', [file]);
      expect(countKinds(rows)).toEqual({ CLEAR: 10, SNAPSHOT: 10 * 2 * n });
      const inst = new Instrument(rows.source.meta.instrument);
      const book = new L2Book();
      const csv = csvRows(file);
      let i = 0;
      rows.marks.forEach((mark, r) => {
        for (; i < mark.end; i++) {
          book.apply(
            rows.kind[i],
            rows.side[i],
            inst.ticksOfDouble(rows.price[i]),
            inst.lotsOfDouble(rows.size[i]),
          );
        }
        const f = csv[r];
        const view = book.view(n);
        for (let k = 0; k < n; k++) {
          expect(view.asks[k]).toEqual([inst.priceToTicks(f[4 + 4 * k]), inst.sizeToLots(f[5 + 4 * k])]);
          expect(view.bids[k]).toEqual([inst.priceToTicks(f[6 + 4 * k]), inst.sizeToLots(f[7 + 4 * k])]);
        }
      });
    }
  });

  it('trades: side is the aggressor, exchange and local times in µs', async () => {
    const rows = await importRows('tardis', [`${T}bitmex_trades_XBTUSD.csv`]);
    const csv = csvRows(`${T}bitmex_trades_XBTUSD.csv`);
    expect(countKinds(rows)).toEqual({ TRADE: 10 });
    expect(rows.side).toEqual(csv.map((f) => (f[5] === 'buy' ? 1 : -1)));
    expect(rows.tsExch).toEqual(csv.map((f) => Number(f[2])));
    expect(rows.tsLocal).toEqual(csv.map((f) => Number(f[3])));
    expect(rows.size[0]).toBe(2152);
  });

  it('quotes: each row is a BBO bid and a BBO ask', async () => {
    const rows = await importRows('tardis', [`${T}huobi-dm-swap_quotes_BTC-USD.csv`]);
    expect(countKinds(rows)).toEqual({ BBO: 20 });
    expect([rows.side[0], rows.price[0], rows.size[0]]).toEqual([1, 8629.2, 806]);
    expect([rows.side[1], rows.price[1], rows.size[1]]).toEqual([-1, 8629.3, 5494]);
    expect(rows.source.meta.instrument).toMatchObject({ contractMultiplier: '100', kind: 'inverse' });
  });

  it('reads .gz as well as plain CSV, and merges several files of one instrument by local time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-tardis-'));
    const gz = join(dir, 'binance-futures_book_snapshot_5_BTCUSDT.csv.gz');
    writeFileSync(gz, gzipSync(readFileSync(`${T}binance-futures_book_snapshot_5_BTCUSDT.csv`)));
    const plain = await importRows('tardis', [`${T}binance-futures_book_snapshot_5_BTCUSDT.csv`]);
    const fromGz = await importRows('tardis', [gz]);
    expect(fromGz.price).toEqual(plain.price);
    expect(fromGz.tsLocal).toEqual(plain.tsLocal);

    const merged = await importRows('tardis', [
      `${T}binance-futures_book_snapshot_5_BTCUSDT.csv`,
      `${T}binance-futures_book_snapshot_25_BTCUSDT.csv`,
    ]);
    expect(merged.kind.length).toBe(10 * 11 + 10 * 51);
    for (let i = 1; i < merged.tsLocal.length; i++)
      expect(merged.tsLocal[i]).toBeGreaterThanOrEqual(merged.tsLocal[i - 1]);
    // Equal local times: the file given first goes first.
    const firstGroupFiles = merged.marks.slice(0, 2).map((m) => m.where.file);
    expect(firstGroupFiles).toEqual([
      `${T}binance-futures_book_snapshot_5_BTCUSDT.csv`,
      `${T}binance-futures_book_snapshot_25_BTCUSDT.csv`,
    ]);
  });

  it('needs tick and lot sizes for instruments it has no defaults for', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-tardis-'));
    const file = join(dir, 'okex_trades_BTC-USDT.csv');
    writeFileSync(
      file,
      'exchange,symbol,timestamp,local_timestamp,id,side,price,amount\nokex,BTC-USDT,1,2,x,buy,100.1,0.5\n',
    );
    const err = await inputErrorOf(() => importRows('tardis', [file]));
    expect(err.rule).toBe('missing-instrument');
    const rows = await importRows('tardis', [file], { tickSize: '0.1', lotSize: '0.1' });
    expect(rows.source.meta.instrument).toMatchObject({ venue: 'okex', symbol: 'BTC-USDT', tickSize: '0.1' });
  });
});
