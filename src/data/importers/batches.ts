import { allocBatch, type EventBatch } from '../schema.ts';
import {
  EventChecker,
  type EventRow,
  type Grid,
  parseRepairs,
  type RowOutput,
  unitsToDouble,
} from '../validate/index.ts';
import type { EventSource } from './types.ts';

export const DEFAULT_BATCH_ROWS = 65_536;

/** Fills EventBatch struct-of-arrays from unit rows, converting units to doubles exactly once. */
class BatchBuilder implements RowOutput {
  private batch: EventBatch;
  readonly full: EventBatch[] = [];

  constructor(
    private readonly grid: Grid,
    private readonly capacity: number,
  ) {
    this.batch = allocBatch(capacity);
  }

  push(r: EventRow): void {
    const b = this.batch;
    const i = b.length;
    b.tsExch[i] = r.tsExch;
    b.tsLocal[i] = r.tsLocal;
    b.kind[i] = r.kind;
    b.side[i] = r.side;
    b.price[i] = unitsToDouble(r.price, this.grid.priceDecimals);
    b.size[i] = unitsToDouble(r.size, this.grid.sizeDecimals);
    b.length = i + 1;
    if (b.length === this.capacity) {
      this.full.push(b);
      this.batch = allocBatch(this.capacity);
    }
  }

  rest(): EventBatch | undefined {
    const b = this.batch;
    return b.length > 0 ? b : undefined;
  }
}

/**
 * Checks every group of a source (see EventChecker) and yields full batches as they fill. Throws
 * on the first bad input, before the rows after it are produced, so a writer fed by this never
 * completes a file from bad input. When the iteration ends, the source's findings are copied into
 * its `meta.provenance.findings`.
 */
export async function* checkedBatches(
  source: EventSource,
  options: { repairs?: readonly string[]; batchRows?: number } = {},
): AsyncGenerator<EventBatch> {
  const builder = new BatchBuilder(source.grid, options.batchRows ?? DEFAULT_BATCH_ROWS);
  const checker = new EventChecker(builder, {
    grid: source.grid,
    findings: source.findings,
    repairs: parseRepairs(options.repairs ?? []),
    allowSubTickTrades: source.allowSubTickTrades,
  });
  for await (const group of source.groups) {
    checker.begin(group.where);
    for (const row of group.rows) checker.row(row);
    checker.end();
    while (builder.full.length > 0) yield builder.full.shift()!;
  }
  const rest = builder.rest();
  if (rest) yield rest;
  Object.assign(source.meta.provenance.findings, source.findings.toRecord());
}
