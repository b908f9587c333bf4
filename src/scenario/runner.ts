import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../data/atomic-write.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { decodeAnalysis, type EncodedAnalysis } from './analysis-codec.ts';
import { canonicalJson } from './canonical.ts';
import { type CellRecord, DEFAULT_EXECUTOR, loadExecutor, recordOf } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import { runOnPool } from './pool.ts';
import { type Shard, shardCells } from './shard.ts';
import { CellStore } from './store.ts';

export interface RunOptions {
  out: string;
  /** Worker threads; 0 runs the cells on this thread (default 0). */
  workers?: number;
  shard?: Shard;
  /** Keep the cells already in `out` and run only the missing ones. */
  resume?: boolean;
  /** Start over: clear an earlier run's cells in `out` (ignored with `resume`). */
  fresh?: boolean;
  /** Module exporting `executeCell` (default: the simulator). */
  executor?: string;
  /** Called after each finished cell with (finished, total) of this run. */
  onProgress?: (done: number, total: number) => void;
  /** Filled with the TCA of the cells whose threads made it, by cell index (for finishRun). */
  analyses?: Map<number, OrderAnalysis>;
}

export interface RunSummary {
  /** Cells this shard owns. */
  total: number;
  /** Cells run now. */
  ran: number;
  /** Cells found already finished (resume). */
  reused: number;
}

/** Runs the cells of `plan` that this shard owns and are not yet persisted; each is saved as it finishes. */
export async function runCells(plan: Plan, opts: RunOptions): Promise<RunSummary> {
  const store = new CellStore(opts.out);
  await store.open(plan, opts.resume ?? false, !opts.resume && (opts.fresh ?? false));
  const owned = shardCells(plan.cellCount, opts.shard);
  const done = store.done();
  const todo = owned.filter((i) => !done.has(i));
  const reused = owned.length - todo.length;
  const executor = opts.executor ?? DEFAULT_EXECUTOR;
  let finished = reused;
  const save = async (index: number, text: string, analysis?: EncodedAnalysis) => {
    await store.writeText(index, text);
    // Decoded as they come, while the threads run, rather than all at once in the report step.
    if (analysis !== undefined) opts.analyses?.set(index, decodeAnalysis(analysis));
    finished += 1;
    opts.onProgress?.(finished, owned.length);
  };
  opts.onProgress?.(finished, owned.length);
  if ((opts.workers ?? 0) <= 0) {
    const execute = await loadExecutor(executor);
    for (const i of todo) await save(i, canonicalJson(recordOf(i, await execute(plan, cellAt(plan, i)))));
  } else {
    await runOnPool(plan, executor, todo, opts.workers ?? 1, save, opts.analyses !== undefined);
  }
  return { total: owned.length, ran: todo.length, reused };
}

/** The canonical results of a complete run: every cell's record in index order. */
export interface ScenarioResults {
  schema: 'execsim.scenario-results/1';
  scenario: string;
  fingerprint: string;
  cells: CellRecord[];
}

/** Missing cell indices of `plan` in `store` (empty when the run is complete). */
export function missingCells(plan: Plan, store: CellStore): number[] {
  const done = store.done();
  const out: number[] = [];
  for (let i = 0; i < plan.cellCount; i++) if (!done.has(i)) out.push(i);
  return out;
}

export function collectResults(plan: Plan, store: CellStore): ScenarioResults {
  const cells: CellRecord[] = [];
  for (let i = 0; i < plan.cellCount; i++) cells.push(store.read(i));
  return resultsOf(plan, cells);
}

function resultsOf(plan: Plan, cells: CellRecord[]): ScenarioResults {
  return { schema: 'execsim.scenario-results/1', scenario: plan.name, fingerprint: plan.fingerprint, cells };
}

/**
 * The results of a complete run and the text of results.json, from one read of each cell file. A
 * cell file holds its record's canonical JSON (CellStore writes nothing else), so the text is those
 * files indented into the envelope: the bytes canonicalJson(results) gives, without serialising
 * every record again (~0.2 s of a 256-cell sweep's report step). A file that does not look as
 * CellStore writes them (carriage returns, say, after a checkout) is serialised again instead.
 */
export function collectResultsText(plan: Plan, store: CellStore): { results: ScenarioResults; text: string } {
  const texts: string[] = [];
  const cells: CellRecord[] = [];
  for (let i = 0; i < plan.cellCount; i++) {
    const text = store.cellText(i);
    const cell = JSON.parse(text) as CellRecord;
    cells.push(cell);
    const asWritten = text.startsWith('{\n') && text.endsWith('\n}\n') && !text.includes('\r');
    texts.push(asWritten ? text : canonicalJson(cell));
  }
  const results = resultsOf(plan, cells);
  if (cells.length === 0) return { results, text: canonicalJson(results) };
  // The envelope with one placeholder cell, which the records then replace; inside it a record
  // sits two levels deep, four spaces before each of its lines (JSON strings hold no raw newline).
  const placeholder = '\u0000cells';
  const envelope = canonicalJson({ ...results, cells: [placeholder] });
  // split/join: 2.5-3x faster than replaceAll on a 1,024-cell sweep's 18 MB of records.
  const body = texts.map((t) => t.slice(0, -1).split('\n').join('\n    ')).join(',\n    ');
  return { results, text: envelope.replace(JSON.stringify(placeholder), () => body) };
}

/** Writes `results.json` (canonical; `text` when already made) into `dir`; returns its path. */
export async function writeResults(
  dir: string,
  results: ScenarioResults,
  text = canonicalJson(results),
): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const path = join(dir, 'results.json');
  await writeFileAtomic(path, text);
  return path;
}

/** A plan's cell list as (index, key), e.g. for `--json` listings. */
export function cellKeys(plan: Plan): { index: number; key: string }[] {
  return Array.from({ length: plan.cellCount }, (_, i) => ({ index: i, key: cellAt(plan, i).key }));
}
