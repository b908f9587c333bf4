import { EXIT_BAD_INPUT, EXIT_INTERNAL, isInputError } from '../core/index.ts';
import { mapStack } from './stack-map.ts';

/**
 * File-system failures a user fixes by naming another path or folder (an --out that is a file, a
 * folder that is not there, one that cannot be written): bad input, not a fault of execsim's.
 */
const PATH_ERRORS = new Set([
  'ENOENT',
  'ENOTDIR',
  'EISDIR',
  'EEXIST',
  'EACCES',
  'EPERM',
  'EROFS',
  'ENAMETOOLONG',
]);

/** Node's error of a file-system call: its code, the call and the path it was given. */
function fileSystemError(err: unknown): { code: string; message: string } | undefined {
  if (!(err instanceof Error)) return undefined;
  const { code, syscall, path } = err as NodeJS.ErrnoException;
  return typeof code === 'string' && typeof syscall === 'string' && typeof path === 'string'
    ? { code, message: err.message }
    : undefined;
}

/** Maps an error to the CLI contract: one line on stderr; exit 2 for bad input, 1 otherwise. */
export function reportAndExit(err: unknown): never {
  if (isInputError(err)) {
    process.stderr.write(`execsim: ${err.message}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  // Node's own message names the call and the path ("ENOTDIR: not a directory, mkdir 'x/cells'").
  const fs = fileSystemError(err);
  if (fs !== undefined) {
    process.stderr.write(`execsim: io-error: ${fs.message}\n`);
    process.exit(PATH_ERRORS.has(fs.code) ? EXIT_BAD_INPUT : EXIT_INTERNAL);
  }
  const msg = err instanceof Error ? mapStack(err.stack ?? err.message) : String(err);
  process.stderr.write(`execsim: internal error: ${msg}\n`);
  process.exit(EXIT_INTERNAL);
}
