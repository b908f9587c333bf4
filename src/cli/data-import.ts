import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const dataImportCommand: CommandModule = {
  command: 'import',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim data import is not implemented yet');
  },
};
