import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const tcaCommand: CommandModule = {
  command: 'tca',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim tca is not implemented yet');
  },
};
