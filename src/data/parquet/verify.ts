import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Instrument } from '../../core/index.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { defaultCacheDir } from '../cache/arrow-cache.ts';
import { contentSha256 } from '../cache/content-key.ts';
import { type ValidationResult, validateEventBatches } from '../validate/index.ts';
import { checkEventFile, readEventMeta } from './meta.ts';
import { type ReadEventsOptions, readEvents } from './read-events.ts';

/**
 * Checks a market-event file's rows by the rules its importers hold rows to — time order, kinds,
 * sides, finite numbers, sizes ≥ 0, prices > 0, the tick and lot grids, no crossed book after a
 * snapshot — before anything replays it: the kernel would otherwise round an off-grid price to the
 * tick, replay rows out of order, or fail deep inside on a NaN. The first bad row throws its
 * InputError (file, 1-based row, rule). Trades between ticks pass, counted (LOBSTER prints them).
 *
 * A file found good is remembered in the cache folder by its sha256 (`verified/v1-<sha256>.json`),
 * so the same bytes are checked once (about 0.2 µs a row). With `cache: false` the rows are checked
 * and nothing is kept.
 */
export async function verifyEventFile(
  path: string,
  opts: Pick<ReadEventsOptions, 'cache' | 'cacheDir'> = {},
): Promise<ValidationResult> {
  let memo: string | undefined;
  if (opts.cache !== false) {
    checkEventFile(path); // before its content hash
    const cacheDir = opts.cacheDir ?? defaultCacheDir();
    memo = join(cacheDir, 'verified', `v1-${await contentSha256(path, cacheDir)}.json`);
    try {
      const kept = JSON.parse(await readFile(memo, 'utf8')) as Partial<ValidationResult>;
      if (typeof kept.rows === 'number' && kept.findings !== undefined) {
        return { rows: kept.rows, findings: kept.findings };
      }
    } catch {
      // not checked yet
    }
  }
  const { meta } = await readEventMeta(path, opts);
  const result = await validateEventBatches(readEvents(path, opts), new Instrument(meta.instrument), {
    file: path,
  });
  if (memo !== undefined) {
    try {
      await writeFileAtomic(memo, `${JSON.stringify(result)}\n`);
    } catch {
      // a cache folder we cannot write to only costs the next replay another check
    }
  }
  return result;
}
