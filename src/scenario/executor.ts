import { pathToFileURL } from 'node:url';
import type { Cell, Plan } from './plan.ts';

/** A JSON value: what cell records are made of, so they persist and cross threads unchanged. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** What one cell produced: the record of its run, handed to TCA and the reports. */
export interface CellRecord {
  index: number;
  key: string;
  window: number;
  strategy: string;
  seed: string | number;
  record: { [key: string]: Json };
}

/** A module that runs cells: it exports `executeCell`. The default runs the simulator (execute-cell.ts). */
export type ExecuteCell = (plan: Plan, cell: Cell) => Promise<CellRecord>;

export const DEFAULT_EXECUTOR = new URL('./execute-cell.ts', import.meta.url).href;

/** Imports an executor module by path or URL. */
export async function loadExecutor(module: string): Promise<ExecuteCell> {
  const url = module.startsWith('file:') ? module : pathToFileURL(module).href;
  const mod = (await import(url)) as { executeCell?: ExecuteCell };
  if (typeof mod.executeCell !== 'function') throw new Error(`${module} does not export executeCell`);
  return mod.executeCell;
}
