import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { writeFileAtomic } from '../atomic-write.ts';
import { fileSha256 } from './arrow-cache.ts';

/** What identifies one version of a file on disk; any write or replacement changes ctime. */
function identity(path: string): { id: string; changedNs: bigint } {
  const s = statSync(path, { bigint: true });
  // biome-ignore lint/complexity/useMathMinMax: Math.max does not take bigints.
  const changedNs = s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs;
  return { id: `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`, changedNs };
}

/**
 * File times tick coarsely (a few ms), so a file rewritten in the same tick as its memo was
 * written could keep its identity. As git does with its index, a memo is trusted only for a file
 * last changed well before the memo itself was written.
 */
const RACY_MARGIN_NS = 2_000_000_000n;

/**
 * Memos this thread has trusted, by memo path (cache folder and file): while a file keeps the
 * identity its memo was trusted for, its hash is known without reading the memo again. A sweep's
 * threads ask for their dataset's hash every cell, and each read of the memo waited on the shared
 * I/O threads behind the main thread's cell files.
 */
const trusted = new Map<string, { id: string; sha256: string; writtenNs: bigint }>();

/**
 * The sha256 of a file's bytes, remembered in the cache folder against the file's identity
 * (device, inode, size, mtime and ctime in ns) so that a warm read does not hash the whole file
 * again. Any change to the file changes its ctime and forces a fresh hash, so the key still names
 * the content. A memo is written only when the identity did not change while hashing, and trusted
 * only for files last changed at least two seconds before it.
 */
export async function contentSha256(
  path: string,
  cacheDir: string,
  racyMarginNs = RACY_MARGIN_NS,
): Promise<string> {
  const memo = join(cacheDir, 'hashes', `${createHash('sha256').update(resolve(path)).digest('hex')}.json`);
  const before = identity(path);
  const seen = trusted.get(memo);
  if (seen?.id === before.id && before.changedNs + racyMarginNs < seen.writtenNs) return seen.sha256;
  try {
    const m = JSON.parse(await readFile(memo, 'utf8')) as { identity?: string; sha256?: string };
    const written = (await stat(memo, { bigint: true })).mtimeNs;
    if (
      m.identity === before.id &&
      typeof m.sha256 === 'string' &&
      before.changedNs + racyMarginNs < written
    ) {
      trusted.set(memo, { id: before.id, sha256: m.sha256, writtenNs: written });
      return m.sha256;
    }
  } catch {
    // no memo yet, or an unreadable one: hash the file
  }
  const sha256 = await fileSha256(path);
  trusted.delete(memo);
  if (identity(path).id === before.id) {
    try {
      await writeFileAtomic(memo, `${JSON.stringify({ identity: before.id, sha256 })}\n`);
    } catch {
      // a cache folder we cannot write to only costs the next read a hash
    }
  }
  return sha256;
}
