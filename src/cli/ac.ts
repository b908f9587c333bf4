import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const acCommand: CommandModule = {
  command: 'ac',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim ac is not implemented yet');
  },
};
