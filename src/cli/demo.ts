import type { CommandModule } from 'yargs';

export const demoCommand: CommandModule<object, object> = {
  command: 'demo',
  describe: 'Run the demo on the bundled real data',
  handler: async () => {
    process.stdout.write('execsim demo: nothing bundled yet\n');
  },
};
