import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const simCommand: CommandModule = {
  command: 'sim',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim sim is not implemented yet');
  },
};
