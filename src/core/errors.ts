/** Where a bad input was found: enough for a user to open the file at the right line. */
export interface InputLocation {
  file?: string;
  /** 1-based data row (header excluded) or line number, as the reader counts it. */
  row?: number;
}

/** Base class: every error execsim raises on purpose is one of these. */
export class ExecsimError extends Error {
  override name = 'ExecsimError';
}

/**
 * Bad input (a file, a flag, a config value). The CLI prints `message` on one line and exits 2.
 * `rule` is a short stable identifier (e.g. `unsorted-time`) that tests and tools can match.
 */
export class InputError extends ExecsimError {
  override name = 'InputError';
  readonly rule: string;
  readonly file: string | undefined;
  readonly row: number | undefined;
  readonly detail: string;

  constructor(rule: string, detail: string, where: InputLocation = {}) {
    super(formatInputError(rule, detail, where));
    this.rule = rule;
    this.detail = detail;
    this.file = where.file;
    this.row = where.row;
  }
}

/**
 * Whether `err` is bad input, by name rather than class: a custom executor loaded through tsx (or a
 * pool thread's copy of the sources) throws its own copy's InputError.
 */
export function isInputError(err: unknown): err is InputError {
  return err instanceof Error && err.name === 'InputError';
}

function formatInputError(rule: string, detail: string, where: InputLocation): string {
  const place = [where.file, where.row !== undefined ? `row ${where.row}` : undefined]
    .filter((p) => p !== undefined)
    .join(':');
  return `${place ? `${place}: ` : ''}${rule}: ${detail}`;
}

/** Exit codes the CLI uses: 2 for bad input, 1 for anything else. */
export const EXIT_BAD_INPUT = 2;
export const EXIT_INTERNAL = 1;
