import type { Argv, CommandModule } from 'yargs';
import { formatTime } from '../core/index.ts';
import { IMPORTERS, type ImporterName, importToFile, REPAIR_RULES } from '../data/index.ts';

interface ImportArgs {
  importer: ImporterName;
  inputs: string[];
  out: string;
  venue?: string;
  symbol?: string;
  'tick-size'?: string;
  'lot-size'?: string;
  multiplier?: string;
  inverse?: boolean;
  date?: string;
  timezone?: string;
  repair?: string[];
  json?: boolean;
}

export const dataImportCommand: CommandModule<object, ImportArgs> = {
  command: 'import <importer> <inputs..>',
  describe: 'Import raw market data (Binance captures, LOBSTER, Tardis CSV) into a market-event Parquet file',
  builder: (y: Argv) =>
    y
      .positional('importer', { choices: IMPORTERS, describe: 'input format', demandOption: true })
      .positional('inputs', {
        type: 'string',
        array: true,
        describe:
          'binance: capture files of one stream, in order; lobster: message and orderbook file; tardis: CSV files of one instrument',
        demandOption: true,
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'output Parquet file (written atomically)',
      })
      .option('venue', { type: 'string', describe: 'venue name (default from the data)' })
      .option('symbol', { type: 'string', describe: 'symbol (default from the data)' })
      .option('tick-size', { type: 'string', describe: 'price step, e.g. 0.1 (default per venue/symbol)' })
      .option('lot-size', { type: 'string', describe: 'size step, e.g. 0.001 (default per venue/symbol)' })
      .option('multiplier', { type: 'string', describe: 'contract multiplier (e.g. 100 for COIN-M BTC)' })
      .option('inverse', { type: 'boolean', describe: 'inverse contract (size in quote units)' })
      .option('date', {
        type: 'string',
        describe: 'trading day YYYY-MM-DD (LOBSTER; default from file name)',
      })
      .option('timezone', { type: 'string', describe: 'LOBSTER time zone (default America/New_York)' })
      .option('repair', {
        type: 'string',
        array: true,
        choices: REPAIR_RULES,
        describe: 'allow a documented repair (counted in findings): uncross, resync',
      })
      .option('json', {
        type: 'boolean',
        describe: 'print the summary as JSON',
      }) as unknown as Argv<ImportArgs>,
  handler: async (argv) => {
    const summary = await importToFile(argv.importer, argv.inputs, argv.out, {
      venue: argv.venue,
      symbol: argv.symbol,
      tickSize: argv['tick-size'],
      lotSize: argv['lot-size'],
      multiplier: argv.multiplier,
      inverse: argv.inverse,
      date: argv.date,
      timezone: argv.timezone,
      repairs: argv.repair ?? [],
    });
    if (argv.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return;
    }
    const { instrument, provenance } = summary.meta;
    const span =
      summary.rows > 0
        ? `${formatTime(summary.firstTsLocal)} .. ${formatTime(summary.lastTsLocal)}`
        : 'empty';
    process.stdout.write(
      `${summary.out}: ${summary.rows} rows (${Object.entries(summary.kinds)
        .map(([k, n]) => `${k} ${n}`)
        .join(
          ', ',
        )}), ${span}, ${instrument.venue} ${instrument.symbol}; findings: ${JSON.stringify(provenance.findings)}\n`,
    );
  },
};
