import { ExecsimError } from '../core/index.ts';
import type { CellRecord } from './executor.ts';
import type { Cell, Plan } from './plan.ts';

/**
 * The default cell executor: one window, one strategy, one seed in a fresh Simulation, returning the
 * run's record (parent order, child orders, fills) for TCA.
 *
 * The execution layer (src/execution) does not export its algorithms yet, so this refuses to run
 * rather than produce made-up results. This is the one function to fill in when it lands.
 */
export async function executeCell(_plan: Plan, cell: Cell): Promise<CellRecord> {
  throw new ExecsimError(
    `strategy ${cell.variant.name} (${cell.key}): the execution layer does not provide its algorithms yet`,
  );
}
