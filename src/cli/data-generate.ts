import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const dataGenerateCommand: CommandModule = {
  command: 'generate',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim data generate is not implemented yet');
  },
};
