import { availableParallelism } from 'node:os';
import type { CommandModule } from 'yargs';
import { type RunArgs, runScenarioCommand } from './run.ts';

export const sweepCommand: CommandModule<object, RunArgs> = {
  command: 'sweep <scenario>',
  describe: 'Run the grid windows × strategies × parameters × seeds on a worker pool, optionally one shard',
  builder: (y) =>
    y
      .positional('scenario', {
        type: 'string',
        demandOption: true,
        describe: 'scenario file (YAML or JSON)',
      })
      .option('workers', { type: 'number', default: availableParallelism(), describe: 'worker threads' })
      .option('shard', { type: 'string', describe: 'run only shard i of n (0-based), e.g. 0/4' })
      .option('resume', {
        type: 'boolean',
        default: false,
        describe: 'continue an interrupted sweep in --out',
      })
      .option('out', { type: 'string', describe: 'output folder (default reports/out/<name>)' })
      .option('executor', { type: 'string', hidden: true, describe: 'module exporting executeCell' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' }),
  handler: (args) => runScenarioCommand(args, 'sweep'),
};
