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

/** The record an executor gave for cell `index`, refused when it names another cell (it is filed by index). */
export function recordOf(index: number, record: CellRecord): CellRecord {
  if (record.index !== index)
    throw new Error(`asked for cell ${index}, the executor gave cell ${record.index}`);
  return record;
}

export const DEFAULT_EXECUTOR = new URL('./execute-cell.ts', import.meta.url).href;

/** True in the CLI's bundle (bin/cli-bundle.mjs defines it), where no TypeScript loader runs. */
declare const __EXECSIM_BUNDLE__: boolean | undefined;
let typeScriptLoader: Promise<void> | undefined;

/**
 * Imports an executor module by path or URL. In the CLI's bundle tsx's loader is started first, for
 * TypeScript executors and for JavaScript ones that import execsim's sources.
 */
export async function loadExecutor(module: string): Promise<ExecuteCell> {
  // The simulator is part of the bundle: imported as such, it is not compiled again through tsx.
  if (module === DEFAULT_EXECUTOR) return (await import('./execute-cell.ts')).executeCell;
  const url = module.startsWith('file:') ? module : pathToFileURL(module).href;
  if (typeof __EXECSIM_BUNDLE__ !== 'undefined') {
    typeScriptLoader ??= import('tsx/esm/api').then(({ register }) => {
      register();
    });
    await typeScriptLoader;
  }
  const mod = (await import(url)) as { executeCell?: ExecuteCell };
  if (typeof mod.executeCell !== 'function') throw new Error(`${module} does not export executeCell`);
  return mod.executeCell;
}
