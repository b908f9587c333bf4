import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { EXIT_BAD_INPUT } from '../core/index.ts';
import { loadCommands } from './commands.ts';
import { reportAndExit } from './errors.ts';

const args = hideBin(process.argv);
const cli = yargs(args)
  .scriptName('execsim')
  .strict()
  .demandCommand(1, 'name a command (see --help)')
  .recommendCommands()
  .help()
  .fail((msg, err) => {
    if (err) reportAndExit(err);
    process.stderr.write(`execsim: usage: ${msg}\n`);
    process.exit(EXIT_BAD_INPUT);
  });
for (const c of await loadCommands(args)) cli.command(c);

try {
  await cli.parseAsync();
} catch (err) {
  reportAndExit(err);
}
