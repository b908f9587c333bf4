import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
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
): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = tempPath(path);
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

/**
 * writeFileAtomic for a small file into a folder that exists, done on this thread: a sweep writes
 * one per cell, and the promise version's trips to libuv's threads (mkdir, open, write, close,
 * rename) cost ~270 µs of CPU a file where these calls cost ~60 µs (18 KB files in a loop), with
 * no file handle left for the collector.
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array): void {
  const tmp = tempPath(path);
  try {
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

/**
 * A hidden temp file beside `path` (same file system, so a rename into place is atomic), unique to
 * this write: `.<name>.<12 hex>.<ext>`.
 */
export function tempPath(path: string, ext = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.${ext}`);
}
