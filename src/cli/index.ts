export { commands } from './commands.ts';
export { reportAndExit } from './errors.ts';
