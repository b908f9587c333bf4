import { EXIT_BAD_INPUT, EXIT_INTERNAL } from '../core/index.ts';
import { mapStack } from './stack-map.ts';

/** Maps an error to the CLI contract: one line on stderr; exit 2 for bad input, 1 otherwise. */
export function reportAndExit(err: unknown): never {
  // By name: a custom executor loaded through tsx throws the InputError of its own copy of the
  // sources, not the bundled CLI's class.
  if (err instanceof Error && err.name === 'InputError') {
    process.stderr.write(`execsim: ${err.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  const msg = err instanceof Error ? mapStack(err.stack ?? err.message) : String(err);
  process.stderr.write(`execsim: internal error: ${msg}\n`);
  process.exit(EXIT_INTERNAL);
}
