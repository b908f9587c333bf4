import type { InstrumentSpec } from '../core/index.ts';

/** Row kinds of the market-event table (DESIGN.md, "Market-event data"). */
export const EventKind = {
  /** Absolute size at a price; size 0 deletes the level. */
  DEPTH: 1,
  /** A print; `side` is the aggressor (+1 buy, −1 sell, 0 unknown). */
  TRADE: 2,
  /** Start of a snapshot for `side` (0 = both sides): the side's book is emptied. */
  CLEAR: 3,
  /** A level inside a snapshot (absolute size, like DEPTH). */
  SNAPSHOT: 4,
  /** Best bid (side +1) or best ask (side −1) as published by a top-of-book feed. */
  BBO: 5,
} as const;
export type EventKind = (typeof EventKind)[keyof typeof EventKind];

export const EVENT_KIND_NAMES: Record<number, string> = {
  1: 'DEPTH',
  2: 'TRADE',
  3: 'CLEAR',
  4: 'SNAPSHOT',
  5: 'BBO',
};

export const Side = { BID: 1, ASK: -1, UNKNOWN: 0 } as const;

/** Version of the Parquet layout below; bumped on any incompatible change. */
export const SCHEMA_VERSION = '1';

/** Column names and DuckDB types, in file order. */
export const EVENT_COLUMNS = [
  ['ts_exch', 'BIGINT'],
  ['ts_local', 'BIGINT'],
  ['kind', 'UTINYINT'],
  ['side', 'TINYINT'],
  ['price', 'DOUBLE'],
  ['size', 'DOUBLE'],
] as const;

/**
 * A run of consecutive rows as struct-of-typed-arrays. Times are µs since the epoch in doubles
 * (exact below 2^53). Arrays may be longer than `length`: read only the first `length` entries.
 */
export interface EventBatch {
  length: number;
  tsExch: Float64Array;
  tsLocal: Float64Array;
  kind: Uint8Array;
  side: Int8Array;
  price: Float64Array;
  size: Float64Array;
  /**
   * Set by readers that can reuse the batch's memory: the one consumer that saw every use of the
   * batch (the kernel, when it drops it) may hand it back, after which its arrays are rewritten.
   * Anyone who keeps batches (a memo, a test) passes them on without it.
   */
  release?: () => void;
}

/** Where the rows came from, stored in the Parquet key/value metadata. */
export interface Provenance {
  source: string;
  inputs: { file: string; sha256: string }[];
  importer: string;
  /** Counted repairs and warnings, by rule; empty when the input was clean. */
  findings: Record<string, number>;
  notes?: string;
}

/** Everything stored in a market-event file's key/value metadata. */
export interface EventFileMeta {
  schemaVersion: string;
  instrument: InstrumentSpec;
  provenance: Provenance;
}

export function allocBatch(capacity: number): EventBatch {
  return makeBatch(
    0,
    new Float64Array(capacity),
    new Float64Array(capacity),
    new Uint8Array(capacity),
    new Int8Array(capacity),
    new Float64Array(capacity),
    new Float64Array(capacity),
  );
}

/**
 * A batch over these columns. Every batch is made here, with the same members in the same order,
 * so that all share one hidden class: fed batches from readers, the memo, replay starts and cut
 * windows, the kernel's row loops otherwise met three, and were optimised again for each.
 */
export function makeBatch(
  length: number,
  tsExch: Float64Array,
  tsLocal: Float64Array,
  kind: Uint8Array,
  side: Int8Array,
  price: Float64Array,
  size: Float64Array,
  release?: () => void,
): EventBatch {
  return { length, tsExch, tsLocal, kind, side, price, size, release };
}

/** The same rows' columns as a batch of `length` rows, without `release` (for batches kept or cut). */
export function batchWithLength(b: EventBatch, length: number): EventBatch {
  return makeBatch(length, b.tsExch, b.tsLocal, b.kind, b.side, b.price, b.size);
}
