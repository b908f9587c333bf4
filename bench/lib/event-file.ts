import { existsSync } from 'node:fs';
import { InputError } from '../../src/core/index.ts';
import { readEventMeta } from '../../src/data/index.ts';

/**
 * Whether a generated day kept from an earlier run can be read as it is: files an older writer
 * made (times stored as DOUBLE) are refused by the reader, and are generated again.
 */
export async function readableEventFile(path: string): Promise<boolean> {
  if (!existsSync(path)) return false;
  try {
    await readEventMeta(path, { cache: false });
    return true;
  } catch (err) {
    if (err instanceof InputError) return false;
    throw err;
  }
}
