import { InputError, type InstrumentSpec } from '../core/index.ts';
import {
  contentSha256,
  defaultCacheDir,
  type EventBatch,
  readEventMeta,
  SYNTHETIC_INSTRUMENT,
  verifyEventFile,
} from '../data/index.ts';
import { canonicalJson } from './canonical.ts';
import { memoizedEvents } from './dataset-memo.ts';
import type { DatasetRef } from './load.ts';
import { sha256Hex } from './seed.ts';

/** The rows of a dataset, file or synthetic, as batches (kept in memory for the next cell). */
export function openEvents(ref: DatasetRef): AsyncIterable<EventBatch> {
  return memoizedEvents(ref);
}

/** The instrument a dataset declares (file metadata, or the synthetic default). */
export async function datasetInstrument(ref: DatasetRef): Promise<InstrumentSpec> {
  if (ref.kind === 'synthetic') return SYNTHETIC_INSTRUMENT;
  return (await readEventMeta(ref.path)).meta.instrument;
}

/**
 * What names a dataset's rows: a file's content hash (remembered in the cache folder against the
 * file's identity), a synthetic day's options hashed (they fix its rows).
 */
export async function datasetSha256(ref: DatasetRef): Promise<string> {
  if (ref.kind === 'file') return contentSha256(ref.path, defaultCacheDir());
  return sha256Hex(canonicalJson(ref));
}

/**
 * Refuses to go on with a plan's dataset whose bytes are no longer those it was planned on (a file
 * rewritten after a sweep started, or between its shards and their merge): cells and TCA would mix
 * two versions of the data under one fingerprint.
 */
export async function checkUnchanged(ds: { ref: DatasetRef; sha256?: string }): Promise<void> {
  if (ds.ref.kind !== 'file' || ds.sha256 === undefined) return;
  const now = await datasetSha256(ds.ref);
  if (now !== ds.sha256) {
    throw new InputError(
      'dataset-changed',
      `its bytes changed since the plan was made (sha256 ${ds.sha256.slice(0, 12)}…, now ${now.slice(0, 12)}…); run the scenario again without --resume, or restore the file`,
      { file: ds.ref.path },
    );
  }
}

/**
 * Refuses a file whose rows break the rules of the market-event table on the grid they are
 * replayed on (the first bad row's file, row and rule), checked once per content and grid; a
 * synthetic day is made by those rules.
 */
export async function verifyDataset(ref: DatasetRef, instrument: InstrumentSpec): Promise<void> {
  if (ref.kind === 'file') await verifyEventFile(ref.path, { instrument });
}

/** What planning needs from a dataset: its local-time span and its prints. */
export interface DatasetScan {
  firstUs: number;
  lastUs: number;
  /** Local times and sizes (base units) of the trades, in row order. */
  tradeTs: Float64Array<ArrayBuffer>;
  tradeSize: Float64Array<ArrayBuffer>;
}

/** One pass over the rows. Trades are kept as two typed arrays (16 bytes per print). */
export async function scanDataset(ref: DatasetRef): Promise<DatasetScan> {
  let firstUs = Number.POSITIVE_INFINITY;
  let lastUs = Number.NEGATIVE_INFINITY;
  let ts = new Float64Array(1024);
  let sz = new Float64Array(1024);
  let n = 0;
  for await (const b of openEvents(ref)) {
    if (b.length === 0) continue;
    if (firstUs === Number.POSITIVE_INFINITY) firstUs = b.tsLocal[0];
    lastUs = b.tsLocal[b.length - 1];
    for (let i = 0; i < b.length; i++) {
      if (b.kind[i] !== 2) continue;
      if (n === ts.length) {
        ts = grow(ts);
        sz = grow(sz);
      }
      ts[n] = b.tsLocal[i];
      sz[n] = b.size[i];
      n++;
    }
  }
  return { firstUs, lastUs, tradeTs: ts.subarray(0, n), tradeSize: sz.subarray(0, n) };
}

/** Traded volume (base units) with local time in [startUs, endUs). */
export function volumeBetween(scan: DatasetScan, startUs: number, endUs: number): number {
  let v = 0;
  for (let i = lowerBound(scan.tradeTs, startUs); i < scan.tradeTs.length && scan.tradeTs[i] < endUs; i++) {
    v += scan.tradeSize[i];
  }
  return v;
}

function lowerBound(a: Float64Array<ArrayBuffer>, x: number): number {
  let lo = 0;
  let hi = a.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function grow(a: Float64Array<ArrayBuffer>): Float64Array<ArrayBuffer> {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}
