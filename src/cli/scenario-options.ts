import type { Argv } from 'yargs';

/** The positional scenario and the options `run` and `compare` share. */
export function scenarioRunOptions<T>(y: Argv<T>) {
  return y
    .positional('scenario', { type: 'string', demandOption: true, describe: 'scenario file (YAML or JSON)' })
    .option('out', { type: 'string', describe: 'output folder (default reports/out/<name>)' })
    .option('workers', { type: 'number', default: 0, describe: 'worker threads (0 = this thread)' })
    .option('resume', {
      type: 'boolean',
      default: false,
      describe: 'keep finished cells in --out (default: start over)',
    })
    .option('executor', { type: 'string', hidden: true, describe: 'module exporting executeCell' })
    .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar' });
}
