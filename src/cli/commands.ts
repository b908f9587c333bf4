import type { CommandModule } from 'yargs';
import { demoCommand } from './demo.ts';

/** Every top-level command; main.ts registers them in this order. */
// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
export const commands: CommandModule<any, any>[] = [demoCommand];
