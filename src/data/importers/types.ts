import type { InputLocation, Instrument } from '../../core/index.ts';
import type { EventFileMeta } from '../schema.ts';
import type { EventRow, Findings, Grid } from '../validate/index.ts';

/** The rows one input record (a message, a CSV line, a snapshot block) turns into. */
export interface EventGroup {
  where: InputLocation;
  rows: EventRow[];
}

/** Instrument fields a user may set on the command line; they win over built-in defaults. */
export interface InstrumentOverrides {
  venue?: string;
  symbol?: string;
  tickSize?: string;
  lotSize?: string;
  multiplier?: string;
  inverse?: boolean;
}

export interface ImportOptions extends InstrumentOverrides {
  /** Trading day `YYYY-MM-DD` (LOBSTER: times are seconds after that day's local midnight). */
  date?: string;
  /** IANA time zone of LOBSTER's seconds-after-midnight (default America/New_York). */
  timezone?: string;
  /** Repairs to allow, by name (see REPAIR_RULES). */
  repairs?: readonly string[];
  /** Rows per output batch (default 65536). */
  batchRows?: number;
}

/**
 * A source that has read its inputs' headers: what it will produce (instrument, grid, the metadata
 * to store) and the groups themselves. `findings` keeps counting while `groups` runs.
 */
export interface EventSource {
  instrument: Instrument;
  grid: Grid;
  meta: EventFileMeta;
  findings: Findings;
  allowSubTickTrades: boolean;
  groups: AsyncIterable<EventGroup>;
}
