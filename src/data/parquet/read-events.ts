import {
  cacheExists,
  cachePath,
  defaultCacheDir,
  readCache,
  writeThroughCache,
} from '../cache/arrow-cache.ts';
import { contentSha256 } from '../cache/content-key.ts';
import type { EventBatch } from '../schema.ts';
import { checkEventFile } from './meta.ts';
import { readParquetEvents } from './read.ts';

export interface ReadEventsOptions {
  /** Rows per batch from Parquet (cache hits return the batches as they were cached). */
  batchRows?: number;
  /** Use the Arrow IPC cache (default true). */
  cache?: boolean;
  /** Cache folder; default EXECSIM_CACHE_DIR or `.cache/execsim`. */
  cacheDir?: string;
}

/**
 * The market-event rows of a Parquet file, streamed in batches. With the cache on, the first read
 * decodes Parquet and fills the cache; later reads of the same bytes come from Arrow IPC. Batches
 * may be kept but are read-only: cached batches are views of IPC buffers, and fresh ones are still
 * being written to the cache.
 */
export async function* readEvents(path: string, opts: ReadEventsOptions = {}): AsyncGenerator<EventBatch> {
  if (opts.cache === false) {
    yield* readParquetEvents(path, opts); // which checks the file in its metadata read
    return;
  }
  checkEventFile(path); // before its content hash
  const dir = opts.cacheDir ?? defaultCacheDir();
  const entry = cachePath(dir, await contentSha256(path, dir));
  if (await cacheExists(entry)) {
    yield* readCache(entry);
    return;
  }
  yield* writeThroughCache(readParquetEvents(path, opts), dir, entry);
}
