import { InputError, type InputLocation, type Instrument } from '../../core/index.ts';
import { type EventBatch, EventKind } from '../schema.ts';
import { EventChecker, type EventRow } from './event-checker.ts';
import { Findings, type RepairRule } from './findings.ts';
import { doubleToUnits, gridOf } from './grid.ts';

export interface ValidateOptions {
  /** Named in error messages. */
  file?: string;
  /** Trades may print between ticks; counted as `sub-tick-trade` (default true: LOBSTER). */
  allowSubTickTrades?: boolean;
  /** Extra price decimals below the tick that sub-tick trades may use (default 4). */
  extraPriceDecimals?: number;
  repairs?: ReadonlySet<RepairRule>;
  /** How a crossed book could be repaired, named in its error (default: the importers' flag). */
  uncrossHint?: string;
}

export interface ValidationResult {
  rows: number;
  findings: Record<string, number>;
}

/**
 * Runs the row checks of EventChecker over market-event batches as read from a file (prices and
 * sizes as doubles). Rows with equal local time form one group for the crossed-book check; errors
 * name the 1-based row of the file.
 */
export async function validateEventBatches(
  batches: Iterable<EventBatch> | AsyncIterable<EventBatch>,
  instrument: Instrument,
  options: ValidateOptions = {},
): Promise<ValidationResult> {
  const findings = new Findings();
  const grid = gridOf(instrument, instrument.priceDecimals + (options.extraPriceDecimals ?? 4));
  let rows = 0;
  const checker = new EventChecker(
    { push: () => {} },
    {
      grid,
      findings,
      repairs: options.repairs,
      allowSubTickTrades: options.allowSubTickTrades ?? true,
      uncrossHint: options.uncrossHint,
    },
  );
  let lastLocal = Number.NaN;
  let open = false;
  const row: EventRow = { tsExch: 0, tsLocal: 0, kind: 0, side: 0, price: 0, size: 0 };
  for await (const b of batches) {
    for (let i = 0; i < b.length; i++) {
      rows++;
      const tsLocal = b.tsLocal[i];
      if (tsLocal !== lastLocal) {
        if (open) checker.end();
        checker.begin({ file: options.file, row: rows });
        open = true;
        lastLocal = tsLocal;
      }
      row.tsExch = b.tsExch[i];
      row.tsLocal = tsLocal;
      row.kind = b.kind[i];
      row.side = b.side[i];
      const where = { file: options.file, row: rows };
      const clear = b.kind[i] === EventKind.CLEAR;
      if (clear) {
        row.price = 0;
        row.size = 0;
      } else if (Number.isFinite(b.price[i]) && Number.isFinite(b.size[i])) {
        row.price = toUnits(b.price[i], grid.priceDecimals, 'price', where);
        row.size = toUnits(b.size[i], grid.sizeDecimals, 'size', where);
      } else {
        // Both as read, for the checker to name (after its time, kind and side checks): a finite
        // partner in grid units would only confuse.
        row.price = b.price[i];
        row.size = b.size[i];
      }
      checker.row(row, where);
    }
  }
  if (open) checker.end();
  return { rows, findings: findings.toRecord() };
}

/** Units of a finite double from a file. */
function toUnits(value: number, decimals: number, what: string, where: InputLocation): number {
  const units = doubleToUnits(value, decimals);
  if (Number.isNaN(units)) {
    throw new InputError('off-grid', `${what} ${value} has more decimals than the grid allows`, where);
  }
  return units;
}
