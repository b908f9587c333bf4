import type { CommandModule } from 'yargs';
import { acCommand } from './ac.ts';
import { checkCommand } from './check.ts';
import { compareCommand } from './compare.ts';
import { dataCommand } from './data.ts';
import { demoCommand } from './demo.ts';
import { mergeCommand } from './merge.ts';
import { runCommand } from './run.ts';
import { simCommand } from './sim.ts';
import { sweepCommand } from './sweep.ts';
import { tcaCommand } from './tca.ts';

/** Every top-level command; main.ts registers them in this order. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
export const commands: CommandModule<any, any>[] = [
  dataCommand,
  simCommand,
  acCommand,
  tcaCommand,
  runCommand,
  compareCommand,
  checkCommand,
  sweepCommand,
  mergeCommand,
  demoCommand,
];
