import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const sweepCommand: CommandModule = {
  command: 'sweep',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim sweep is not implemented yet');
  },
};
