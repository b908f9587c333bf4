import type { CommandModule } from 'yargs';

// biome-ignore lint/suspicious/noExplicitAny: yargs command modules differ in their argument types.
type AnyCommand = CommandModule<any, any>;

/**
 * Every top-level command, in help order, loaded on demand: a command pulls in DuckDB, the report
 * renderer or the worker pool only when it runs, so starting the CLI for one command costs only
 * that command's modules.
 */
export const COMMAND_LOADERS: [string, () => Promise<AnyCommand>][] = [
  ['data', async () => (await import('./data.ts')).dataCommand],
  ['sim', async () => (await import('./sim.ts')).simCommand],
  ['ac', async () => (await import('./ac.ts')).acCommand],
  ['tca', async () => (await import('./tca.ts')).tcaCommand],
  ['run', async () => (await import('./run.ts')).runCommand],
  ['compare', async () => (await import('./compare.ts')).compareCommand],
  ['check', async () => (await import('./check.ts')).checkCommand],
  ['sweep', async () => (await import('./sweep.ts')).sweepCommand],
  ['merge', async () => (await import('./merge.ts')).mergeCommand],
  ['demo', async () => (await import('./demo.ts')).demoCommand],
];

/** The command named by the first positional argument, or every command (for help and errors). */
export async function loadCommands(args: string[]): Promise<AnyCommand[]> {
  const first = args.find((a) => !a.startsWith('-'));
  const one = COMMAND_LOADERS.find(([name]) => name === first);
  if (one) return [await one[1]()];
  return Promise.all(COMMAND_LOADERS.map(([, load]) => load()));
}
