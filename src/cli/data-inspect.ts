import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const dataInspectCommand: CommandModule = {
  command: 'inspect',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim data inspect is not implemented yet');
  },
};
