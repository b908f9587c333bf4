import { InputError } from '../../core/index.ts';

/**
 * Positions of the named columns in a header row; a missing one is an error naming the column and
 * the file (rule `missing-column`).
 */
export function requireColumns<K extends string>(
  header: readonly string[],
  required: readonly K[],
  file: string,
  row = 1,
): Record<K, number> {
  const names = header.map((h) => h.trim());
  const at = {} as Record<K, number>;
  const missing: string[] = [];
  for (const name of required) {
    const i = names.indexOf(name);
    if (i < 0) missing.push(name);
    else at[name] = i;
  }
  if (missing.length > 0) {
    throw new InputError(
      'missing-column',
      `header lacks column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`,
      { file, row },
    );
  }
  return at;
}

/** A data row must have as many fields as the header (or the format) says. */
export function requireFieldCount(
  fields: readonly string[],
  expected: number,
  file: string,
  row: number,
): void {
  if (fields.length !== expected) {
    throw new InputError(
      fields.length < expected ? 'missing-column' : 'extra-column',
      `row has ${fields.length} fields, expected ${expected}`,
      { file, row },
    );
  }
}
