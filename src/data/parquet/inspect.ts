import { Instrument } from '../../core/index.ts';
import { EVENT_KIND_NAMES, type EventFileMeta, EventKind } from '../schema.ts';
import { readEventMeta } from './meta.ts';
import { type ReadEventsOptions, readEvents } from './read-events.ts';

/** What a scan of the rows found wrong, by rule: how many rows and the first (1-based) row. */
export interface ScanFinding {
  rows: number;
  firstRow: number;
}

export interface EventFileSummary {
  file: string;
  rows: number;
  /** First and last ts_local / ts_exch in file order, µs; null for an empty file. */
  firstTsLocal: number | null;
  lastTsLocal: number | null;
  firstTsExch: number | null;
  lastTsExch: number | null;
  kinds: Record<string, number>;
  meta: EventFileMeta;
  /** Rules: unsorted-time (ts_local going back), nan, negative-size, off-grid-price, off-grid-size. */
  scan: Record<string, ScanFinding>;
}

/**
 * Reads a market-event file end to end and summarises it: row and kind counts, time span, the
 * metadata (instrument, provenance, import findings) and what a row scan finds wrong. Nothing is
 * repaired: the counts show what a consumer would meet.
 */
export async function inspectEventFile(
  path: string,
  opts: ReadEventsOptions = {},
): Promise<EventFileSummary> {
  const { meta } = await readEventMeta(path, opts);
  const inst = new Instrument(meta.instrument);
  const kindCounts = new Float64Array(256);
  const scan: Record<string, ScanFinding> = {};
  const note = (rule: string, row: number) => {
    const f = scan[rule];
    if (f) f.rows++;
    else scan[rule] = { rows: 1, firstRow: row };
  };
  let rows = 0;
  let firstLocal = Number.NaN;
  let firstExch = Number.NaN;
  let lastLocal = Number.NaN;
  let lastExch = Number.NaN;
  for await (const b of readEvents(path, opts)) {
    if (rows === 0 && b.length > 0) {
      firstLocal = b.tsLocal[0];
      firstExch = b.tsExch[0];
    }
    for (let i = 0; i < b.length; i++) {
      const row = rows + i + 1;
      const k = b.kind[i];
      kindCounts[k]++;
      const local = b.tsLocal[i];
      if (local < lastLocal) note('unsorted-time', row);
      lastLocal = local;
      const price = b.price[i];
      const size = b.size[i];
      if (Number.isNaN(price) || Number.isNaN(size)) {
        note('nan', row);
        continue;
      }
      if (size < 0) note('negative-size', row);
      if (k === EventKind.DEPTH || k === EventKind.SNAPSHOT || k === EventKind.BBO) {
        if (Number.isNaN(inst.ticksOfDouble(price))) note('off-grid-price', row);
        if (Number.isNaN(inst.lotsOfDouble(size))) note('off-grid-size', row);
      }
    }
    if (b.length > 0) lastExch = b.tsExch[b.length - 1];
    rows += b.length;
  }
  const kinds: Record<string, number> = {};
  kindCounts.forEach((n, k) => {
    if (n > 0) kinds[EVENT_KIND_NAMES[k] ?? `kind-${k}`] = n;
  });
  const orNull = (v: number) => (Number.isNaN(v) ? null : v);
  return {
    file: path,
    rows,
    firstTsLocal: orNull(firstLocal),
    lastTsLocal: orNull(lastLocal),
    firstTsExch: orNull(firstExch),
    lastTsExch: orNull(lastExch),
    kinds,
    meta,
    scan,
  };
}
