import type { CommandModule } from 'yargs';
import { finishRun, mergeOutputs } from '../scenario/index.ts';
import { printSummary } from './progress.ts';

interface MergeArgs {
  dirs: string[];
  out: string;
  json: boolean;
}

export const mergeCommand: CommandModule<object, MergeArgs> = {
  command: 'merge <dirs..>',
  describe: 'Merge shard outputs into one result, identical to the unsharded run',
  builder: (y) =>
    y
      .positional('dirs', {
        type: 'string',
        array: true,
        demandOption: true,
        describe: 'shard output folders',
      })
      .option('out', { type: 'string', demandOption: true, describe: 'merged output folder' })
      .option('json', { type: 'boolean', default: false, describe: 'print the summary as JSON' }),
  handler: async (args) => {
    const { plan } = await mergeOutputs(args.dirs, args.out);
    const { results, files } = await finishRun(plan, args.out);
    printSummary(
      args.json,
      { scenario: plan.name, cells: plan.cellCount, inputs: args.dirs.length, results, files },
      [
        `${plan.name}: merged ${plan.cellCount} cells from ${args.dirs.length} folders`,
        `report: ${files.find((f) => f.endsWith('.html')) ?? files[0] ?? results}`,
      ],
    );
  },
};
