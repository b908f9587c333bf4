import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Instrument, type InstrumentSpec } from '../../core/index.ts';
import { writeFileAtomic } from '../atomic-write.ts';
import { defaultCacheDir } from '../cache/arrow-cache.ts';
import { contentSha256 } from '../cache/content-key.ts';
import { type ValidationResult, validateEventBatches } from '../validate/index.ts';
import { readEventMeta } from './meta.ts';
import { type ReadEventsOptions, readEvents } from './read-events.ts';

/**
 * Checks a market-event file's rows by the rules its importers hold rows to — time order, kinds,
 * sides, finite numbers, sizes ≥ 0, prices > 0, the tick and lot grids, and no crossed book at the
 * end of a group of rows of one local time once a snapshot has been seen — before anything replays
 * it: the kernel would otherwise round an off-grid price to the tick, replay rows out of order, or
 * fail deep inside on a NaN. The first bad row throws its InputError (file, 1-based row, rule).
 * Trades between ticks pass, counted (LOBSTER prints them). The grid is the file's instrument's,
 * or `instrument`'s when a scenario overrides it (the grid the rows are replayed on).
 *
 * A file found good is remembered in the cache folder by its sha256 and grid
 * (`verified/v2-<sha256>-<tick>-<lot>.json`), so the same bytes are checked once (0.15–0.2 µs a
 * row); nothing is kept when the bytes changed while they were read. With `cache: false` the rows
 * are checked and nothing is kept.
 */
export async function verifyEventFile(
  path: string,
  opts: Pick<ReadEventsOptions, 'cache' | 'cacheDir'> & { instrument?: InstrumentSpec } = {},
): Promise<ValidationResult> {
  const { meta } = await readEventMeta(path, opts);
  const instrument = new Instrument(opts.instrument ?? meta.instrument);
  const cacheDir = opts.cacheDir ?? defaultCacheDir();
  let memo: ((sha256: string) => string) | undefined;
  let before: string | undefined;
  if (opts.cache !== false) {
    const grid = `${instrument.tickSize.toFixed()}-${instrument.lotSize.toFixed()}`;
    memo = (sha256) => join(cacheDir, 'verified', `v2-${sha256}-${grid}.json`);
    before = await contentSha256(path, cacheDir);
    try {
      const kept = JSON.parse(await readFile(memo(before), 'utf8')) as Partial<ValidationResult>;
      if (typeof kept.rows === 'number' && kept.findings !== undefined) {
        return { rows: kept.rows, findings: kept.findings };
      }
    } catch {
      // not checked yet
    }
  }
  const result = await validateEventBatches(readEvents(path, opts), instrument, {
    file: path,
    uncrossHint: 'import the raw data again with --repair uncross',
  });
  // Kept only for the bytes that were read: a file replaced meanwhile has another hash now.
  if (memo !== undefined && before !== undefined && (await contentSha256(path, cacheDir)) === before) {
    try {
      await writeFileAtomic(memo(before), `${JSON.stringify(result)}\n`);
    } catch {
      // a cache folder we cannot write to only costs the next replay another check
    }
  }
  return result;
}
