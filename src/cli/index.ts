export { COMMAND_LOADERS, loadCommands } from './commands.ts';
export { reportAndExit } from './errors.ts';
