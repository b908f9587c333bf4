import type { CommandModule } from 'yargs';

// Placeholder until the command is implemented.
export const runCommand: CommandModule = {
  command: 'run',
  describe: 'not implemented yet',
  handler: () => {
    throw new Error('execsim run is not implemented yet');
  },
};
