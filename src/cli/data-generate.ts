import type { Argv, CommandModule } from 'yargs';
import { InputError, parseTime } from '../core/index.ts';
import { generateEvents, SCHEMA_VERSION, SYNTHETIC_INSTRUMENT, writeEventFile } from '../data/index.ts';

interface GenerateArgs {
  events: number;
  seed: string;
  out: string;
  start?: string;
}

export const dataGenerateCommand: CommandModule<object, GenerateArgs> = {
  command: 'generate',
  describe: 'Write a seeded synthetic L2 day (snapshot, depth updates, trades, BBO) as market-event Parquet',
  builder: (y: Argv) =>
    y
      .option('events', { type: 'number', demandOption: true, describe: 'rows to write, snapshot included' })
      .option('seed', { type: 'string', demandOption: true, describe: 'seed: same seed, same rows' })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'output Parquet file (written atomically)',
      })
      .option('start', {
        type: 'string',
        describe: 'exchange time of the first row, µs or ISO-8601 (default 2024-08-08T00:00:00Z)',
      }) as unknown as Argv<GenerateArgs>,
  handler: async (argv) => {
    if (!Number.isSafeInteger(argv.events) || argv.events < 0) {
      throw new InputError('bad-option', `--events must be a non-negative integer, got ${argv.events}`);
    }
    const startUs = argv.start === undefined ? undefined : parseTime(argv.start, '--start');
    const { rows } = await writeEventFile(
      argv.out,
      {
        schemaVersion: SCHEMA_VERSION,
        instrument: SYNTHETIC_INSTRUMENT,
        provenance: {
          source: 'synthetic',
          inputs: [],
          importer: 'execsim data generate',
          findings: {},
          notes: `seed ${argv.seed}, ${argv.events} events${startUs === undefined ? '' : `, start ${startUs}`}`,
        },
      },
      generateEvents({ events: argv.events, seed: argv.seed, startUs }),
    );
    process.stdout.write(`${argv.out}: ${rows} synthetic rows (seed ${argv.seed})\n`);
  },
};
