import { writeEventFile } from '../parquet/index.ts';
import { EVENT_KIND_NAMES, type EventBatch, type EventFileMeta } from '../schema.ts';
import { checkedBatches } from './batches.ts';
import { type ImporterName, openSource } from './open-source.ts';
import type { ImportOptions } from './types.ts';

export interface ImportSummary {
  out: string;
  rows: number;
  /** Rows by kind name (DEPTH, TRADE, CLEAR, SNAPSHOT, BBO). */
  kinds: Record<string, number>;
  /** First and last local time (µs), NaN when empty. */
  firstTsLocal: number;
  lastTsLocal: number;
  meta: EventFileMeta;
}

/**
 * Imports `inputs` into the market-event Parquet file `out`. Rows are checked while they stream
 * into the (atomic) writer, so any bad input throws before the file is renamed into place: a failed
 * import leaves no output file. Findings are complete in `meta` once the rows are written.
 */
export async function importToFile(
  importer: ImporterName,
  inputs: readonly string[],
  out: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const source = await openSource(importer, inputs, options);
  const counts = [0, 0, 0, 0, 0, 0];
  let first = Number.NaN;
  let last = Number.NaN;
  async function* counted(): AsyncGenerator<EventBatch> {
    for await (const b of checkedBatches(source, options)) {
      for (let i = 0; i < b.length; i++) counts[b.kind[i]]++;
      if (b.length > 0) {
        if (Number.isNaN(first)) first = b.tsLocal[0];
        last = b.tsLocal[b.length - 1];
      }
      yield b;
    }
  }
  const { rows } = await writeEventFile(out, source.meta, counted());
  const kinds: Record<string, number> = {};
  counts.forEach((n, k) => {
    if (n > 0) kinds[EVENT_KIND_NAMES[k]] = n;
  });
  return { out, rows, kinds, firstTsLocal: first, lastTsLocal: last, meta: source.meta };
}
