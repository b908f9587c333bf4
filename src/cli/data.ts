import type { Argv, CommandModule } from 'yargs';
import { dataBookCommand } from './data-book.ts';
import { dataGenerateCommand } from './data-generate.ts';
import { dataImportCommand } from './data-import.ts';
import { dataInspectCommand } from './data-inspect.ts';

export const dataCommand: CommandModule = {
  command: 'data <command>',
  describe: 'Import, inspect, reconstruct and generate market-event files',
  builder: (y: Argv) =>
    y
      .command(dataImportCommand)
      .command(dataInspectCommand)
      .command(dataBookCommand)
      .command(dataGenerateCommand)
      .demandCommand(1),
  handler: () => {},
};
