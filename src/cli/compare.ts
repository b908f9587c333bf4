import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const compareCommand: CommandModule = {
  command: 'compare',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim compare is not implemented yet');
  },
};
