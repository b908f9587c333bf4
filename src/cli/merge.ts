import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const mergeCommand: CommandModule = {
  command: 'merge',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim merge is not implemented yet');
  },
};
