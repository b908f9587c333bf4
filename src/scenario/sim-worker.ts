import { analyzeCell } from './analyze.ts';
import { executeCell } from './execute-cell.ts';
import { serveCells } from './worker-loop.ts';

/**
 * A pool thread for the default executor, and the entry of the bundle pool threads start from:
 * it also analyses each cell it runs (its records are the simulator's, which TCA reads).
 */
serveCells(executeCell, analyzeCell);
