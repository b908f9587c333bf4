import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes a file so readers see the old bytes or the new ones, never a part: a temp file in the same
 * directory (same file system), then rename. `data` may come in pieces (written in turn, so a large
 * file need not be in memory at once).
 */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array | Iterable<string> | AsyncIterable<string>,
  opts: { makeDir?: boolean } = {},
): Promise<void> {
  // `makeDir: false` for a caller that made the folder already and writes many files into it
  // (a sweep's cells): the mkdir was a tenth of a millisecond of every cell's write.
  if (opts.makeDir ?? true) await mkdir(dirname(path), { recursive: true });
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
