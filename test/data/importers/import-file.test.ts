import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importToFile, readEventMeta, readEvents } from '../../../src/data/index.ts';
import { FIXTURES, importRows, inputErrorOf } from './helpers.ts';

async function readAll(path: string) {
  const out = {
    tsExch: [] as number[],
    tsLocal: [] as number[],
    kind: [] as number[],
    side: [] as number[],
    price: [] as number[],
    size: [] as number[],
  };
  for await (const b of readEvents(path, { cache: false })) {
    for (let i = 0; i < b.length; i++) {
      out.tsExch.push(b.tsExch[i]);
      out.tsLocal.push(b.tsLocal[i]);
      out.kind.push(b.kind[i]);
      out.side.push(b.side[i]);
      out.price.push(b.price[i]);
      out.size.push(b.size[i]);
    }
  }
  return out;
}

const CASES = [
  [
    'lobster',
    [
      `${FIXTURES}lobster/aapl/AAPL_2012-06-21_34200000_57600000_message_10.csv`,
      `${FIXTURES}lobster/aapl/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv`,
    ],
  ],
  ['binance', [`${FIXTURES}binance/coinm-btcusd_perp-20240808-head1500.gz`]],
  ['tardis', [`${FIXTURES}tardis/binance-futures_book_snapshot_25_BTCUSDT.csv`]],
] as const;

describe('importToFile: Parquet round trip', () => {
  it.each(CASES)(
    '%s: the rows and metadata read back equal what the importer produced',
    async (importer, inputs) => {
      const dir = mkdtempSync(join(tmpdir(), 'execsim-import-'));
      const out = join(dir, 'x.parquet');
      const summary = await importToFile(importer, [...inputs], out, { batchRows: 1000 });
      const expected = await importRows(importer, [...inputs]);
      const back = await readAll(out);
      expect(back.tsExch).toEqual(expected.tsExch);
      expect(back.tsLocal).toEqual(expected.tsLocal);
      expect(back.kind).toEqual(expected.kind);
      expect(back.side).toEqual(expected.side);
      expect(back.price).toEqual(expected.price);
      expect(back.size).toEqual(expected.size);
      const { meta, rows } = await readEventMeta(out);
      expect(rows).toBe(expected.kind.length);
      expect(summary.rows).toBe(rows);
      expect(meta).toEqual(expected.source.meta);
      expect(meta.provenance.findings).toEqual(summary.meta.provenance.findings);
    },
  );

  it('a failure after thousands of rows reached the writer leaves no file and no temporary file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-import-'));
    const out = join(dir, 'spot.parquet');
    const B = `${FIXTURES}binance/`;
    const inputs = [
      `${B}spot-btcusdt-20240808-lines1-1000.gz`,
      `${B}spot-btcusdt-20240808-lines1001-2000.gz`,
      `${B}spot-btcusdt-20240809-head300.gz`,
    ];
    // 10,428 good rows go to the writer in batches of 500 before the gap in the third file.
    const err = await inputErrorOf(() => importToFile('binance', inputs, out, { batchRows: 500 }));
    expect(err).toMatchObject({ rule: 'sequence-gap', file: inputs[2], row: 1 });
    expect(readdirSync(dir)).toEqual([]);
  });
});
