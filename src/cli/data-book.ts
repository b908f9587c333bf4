import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const dataBookCommand: CommandModule = {
  command: 'book',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim data book is not implemented yet');
  },
};
