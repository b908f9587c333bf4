import { describe, expect, it } from 'vitest';
import { formatTime, Instrument } from '../../../src/core/index.ts';
import { readEventMeta, readEvents, validateEventBatches } from '../../../src/data/index.ts';

const DATASETS = new URL('../../../datasets/', import.meta.url).pathname;
const H = 'hftbacktest-binance-2024-08-08';

/** What each bundled file must hold (datasets/README.md), with input hashes from the raw sets' PROVENANCE. */
const BUNDLED = [
  {
    file: 'binance-spot/BTCUSDT/2024-08-08.parquet',
    rows: 466_347,
    venue: 'binance-spot',
    inputs: [
      [`${H}/spot/btcusdt_20240808.gz`, '5d263f4c5379cfc27379ef0e22779aa33804463d1b69c292e9c0714e31f2e1b4'],
      [`${H}/spot/btcusdt_20240809.gz`, '2981a27474b8903133cc66e25f4da561140dd061c942b84801b9d8c60e4b3599'],
    ],
    span: ['2024-08-08T23:54:14.087891Z', '2024-08-09T00:05:04.535092Z'],
  },
  {
    file: 'binance-spot/ETHUSDT/2024-08-08.parquet',
    rows: 406_784,
    venue: 'binance-spot',
    inputs: [
      [`${H}/spot/ethusdt_20240808.gz`, '179a67651ec90f8d299c033f85df29027315a30a738eae74a1388d560f80a737'],
      [`${H}/spot/ethusdt_20240809.gz`, '7be2b6113ced0cdb125bfa7607aacb18acd1f3cea9a248d1f53c627c7eed6bb8'],
    ],
    span: ['2024-08-08T23:54:14.024619Z', '2024-08-09T00:05:04.543279Z'],
  },
  {
    file: 'binance-usdm/BTCUSDT/2024-08-08.parquet',
    rows: 598_754,
    venue: 'binance-usdm',
    inputs: [
      [`${H}/usdm/btcusdt_20240808.gz`, '0ad7b3a0f5cff220761ea890cfd6e3c15f6899edc7f94637ec915043d7a72251'],
    ],
    span: ['2024-08-08T23:54:15.088169Z', '2024-08-08T23:59:59.833492Z'],
  },
  {
    file: 'binance-usdm/ETHUSDT/2024-08-08.parquet',
    rows: 552_472,
    venue: 'binance-usdm',
    inputs: [
      [`${H}/usdm/ethusdt_20240808.gz`, '6b76bc224bbb7fe402e7206066775e17e18dbc697247fbab8ebcc38289a3f772'],
    ],
    span: ['2024-08-08T23:54:15.088165Z', '2024-08-08T23:59:59.881488Z'],
  },
  {
    file: 'binance-coinm/BTCUSD_PERP/2024-08-08.parquet',
    rows: 763_351,
    venue: 'binance-coinm',
    inputs: [
      [`${H}/cm/btcusd_perp_20240808.gz`, '795efa5540bfca87d20181df5c444741a8cc31810689c429a4004cbbd0b3a374'],
      [`${H}/cm/btcusd_perp_20240809.gz`, '49ae1c7797b924e7f1dca4c5a64f5cebafaf08473041227b4b142b447c56c766'],
    ],
    span: ['2024-08-08T23:54:16.207640Z', '2024-08-09T00:05:03.531356Z'],
  },
  {
    file: 'nasdaq/AMZN/2012-06-21.parquet',
    rows: 77_462,
    venue: 'nasdaq',
    inputs: [
      [
        'lobster-amzn-2012-06-21-level1/AMZN_2012-06-21_34200000_57600000_message_1.csv',
        '7227093c5425f5de43010ce3914e7a97b1173ed592d1579b28fcfd75e7310061',
      ],
      [
        'lobster-amzn-2012-06-21-level1/AMZN_2012-06-21_34200000_57600000_orderbook_1.csv',
        'ae48c7064a367940288e7023c4e7fe55f303042e2c809b20d5c2ffa3121d2e88',
      ],
    ],
    span: ['2012-06-21T13:30:00.017460Z', '2012-06-21T19:59:59.959360Z'],
  },
  {
    file: 'nasdaq/AAPL/2012-06-21.parquet',
    rows: 1_131,
    venue: 'nasdaq',
    inputs: [
      [
        'lobster-aapl-2012-06-21-level10-first999/AAPL_2012-06-21_34200000_57600000_message_10.csv',
        '2e2c9733b3bc831e38b66e9324afc3b8167ba67a556e9a133c4c2060963a8976',
      ],
      [
        'lobster-aapl-2012-06-21-level10-first999/AAPL_2012-06-21_34200000_57600000_orderbook_10.csv',
        '277aba2634356baa2f355598ffa7ae124abc60670ea4a56dc66b617bae33a12d',
      ],
    ],
    span: ['2012-06-21T13:30:00.004241Z', '2012-06-21T13:30:49.086375Z'],
  },
] as const;

describe('bundled datasets', () => {
  it.each(BUNDLED)('$file: made by the importer from the raw files named in its provenance', async (d) => {
    const { meta, rows } = await readEventMeta(`${DATASETS}${d.file}`);
    expect(rows).toBe(d.rows);
    expect(meta.instrument.venue).toBe(d.venue);
    expect(meta.provenance.inputs.map((i) => [i.file, i.sha256])).toEqual(d.inputs);
    expect(meta.provenance.importer).toBe(d.venue === 'nasdaq' ? 'lobster' : 'binance');
  });

  it.each(BUNDLED)(
    '$file: every row passes validation again after the Parquet round trip (order, grid, never crossed)',
    async (d) => {
      const path = `${DATASETS}${d.file}`;
      const { meta } = await readEventMeta(path);
      let first = Number.NaN;
      let last = Number.NaN;
      async function* spanOf() {
        for await (const b of readEvents(path, { cache: false })) {
          if (Number.isNaN(first)) first = b.tsLocal[0];
          last = b.tsLocal[b.length - 1];
          yield b;
        }
      }
      const res = await validateEventBatches(spanOf(), new Instrument(meta.instrument), { file: path });
      expect(res.rows).toBe(d.rows);
      expect(res.findings).toEqual(d.file.startsWith('nasdaq/AMZN') ? { 'sub-tick-trade': 63 } : {});
      expect([formatTime(first), formatTime(last)]).toEqual(d.span);
    },
  );

  it('COIN-M BTCUSD_PERP is an inverse contract of 100 USD', async () => {
    const { meta } = await readEventMeta(`${DATASETS}binance-coinm/BTCUSD_PERP/2024-08-08.parquet`);
    expect(meta.instrument).toMatchObject({ contractMultiplier: '100', kind: 'inverse', lotSize: '1' });
  });
});
