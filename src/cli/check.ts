import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const checkCommand: CommandModule = {
  command: 'check',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim check is not implemented yet');
  },
};
