import { join } from 'node:path';
import { InputError, isInputError } from '../core/index.ts';
import { writeFileAtomic } from '../data/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { decodeAnalysis, type EncodedAnalysis } from './analysis-codec.ts';
import { canonicalJson } from './canonical.ts';
import { inCell } from './error-context.ts';
import { type CellRecord, DEFAULT_EXECUTOR, loadExecutor, recordOf } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import { type PoolThreads, runOnPool } from './pool.ts';
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
  /** Threads started ahead (for this executor), used before any others; ended when unused. */
  threads?: PoolThreads;
}

export interface RunSummary {
  /** Cells this shard owns. */
  total: number;
  /** Cells run now. */
  ran: number;
  /** Cells found already finished (resume). */
  reused: number;
}

/** A count of worker threads, checked: a whole number, 0 (this thread) or more. */
export function checkWorkers(workers: number): number {
  if (!Number.isInteger(workers) || workers < 0) {
    throw new InputError(
      'bad-workers',
      `workers: expected a whole number of threads, 0 (this thread) or more, got ${Number.isNaN(workers) ? 'no number' : workers}`,
    );
  }
  return workers;
}

/** Runs the cells of `plan` that this shard owns and are not yet persisted; each is saved as it finishes. */
export async function runCells(plan: Plan, opts: RunOptions): Promise<RunSummary> {
  // Before the folder is touched: a bad count leaves nothing behind.
  checkWorkers(opts.workers ?? 0);
  const store = new CellStore(opts.out);
  await store.open(plan, opts.resume ?? false, !opts.resume && (opts.fresh ?? false));
  const owned = shardCells(plan.cellCount, opts.shard);
  const done = store.done();
  const todo = owned.filter((i) => !done.has(i));
  const reused = owned.length - todo.length;
  const executor = opts.executor ?? DEFAULT_EXECUTOR;
  let finished = reused;
  const save = async (index: number, text: string, analysis?: EncodedAnalysis) => {
    store.writeText(index, text);
    // Decoded as they come, while the threads run, rather than all at once in the report step.
    if (analysis !== undefined) opts.analyses?.set(index, decodeAnalysis(analysis));
    finished += 1;
    opts.onProgress?.(finished, owned.length);
  };
  opts.onProgress?.(finished, owned.length);
  if ((opts.workers ?? 0) <= 0) {
    await opts.threads?.close();
    const execute = await loadExecutor(executor);
    for (const i of todo) {
      const cell = cellAt(plan, i);
      let record: CellRecord;
      try {
        record = recordOf(i, await execute(plan, cell));
      } catch (err) {
        throw isInputError(err) ? inCell(cell.key, err) : err;
      }
      await save(i, canonicalJson(record));
    }
  } else {
    await runOnPool(plan, executor, todo, opts.workers ?? 1, save, opts.analyses !== undefined, opts.threads);
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

/** Pieces of results.json written at once: fewer writes than one per cell, and little memory. */
const CHUNK_CHARS = 1 << 20;

/**
 * The text of a complete run's results.json, in pieces, from one read of each cell file at a time:
 * a cell file holds its record's canonical JSON (CellStore writes nothing else), so the text is
 * those files indented into the envelope — the bytes canonicalJson(collectResults(…)) gives,
 * without every record in memory at once (a 3,000-cell sweep's results.json is 266 MB) or
 * serialised again. Each file is parsed, so a damaged one stops the run; one that does not look as
 * CellStore writes them (carriage returns, say, after a checkout) is serialised again instead.
 */
export function* resultsText(plan: Plan, store: CellStore): Generator<string> {
  const envelope = resultsOf(plan, []);
  if (plan.cellCount === 0) {
    yield canonicalJson(envelope);
    return;
  }
  // The envelope with one placeholder cell, which the records then replace; inside it a record
  // sits two levels deep, four spaces before each of its lines (JSON strings hold no raw newline).
  const placeholder = JSON.stringify('\u0000cells');
  const outer = canonicalJson({ ...envelope, cells: ['\u0000cells'] });
  const at = outer.indexOf(placeholder);
  let chunk = outer.slice(0, at);
  for (let i = 0; i < plan.cellCount; i++) {
    const text = store.cellText(i);
    const cell = parseCell(store, i, text);
    const asWritten = text.startsWith('{\n') && text.endsWith('\n}\n') && !text.includes('\r');
    const canonical = asWritten ? text : canonicalJson(cell);
    // split/join: 2.5-3x faster than replaceAll on a 1,024-cell sweep's 18 MB of records.
    chunk += (i > 0 ? ',\n    ' : '') + canonical.slice(0, -1).split('\n').join('\n    ');
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = '';
    }
  }
  yield chunk + outer.slice(at + placeholder.length);
}

function parseCell(store: CellStore, index: number, text: string): CellRecord {
  try {
    return JSON.parse(text) as CellRecord;
  } catch (err) {
    throw new InputError('bad-cell', `${store.cellPath(index)}: not JSON (${(err as Error).message})`);
  }
}

/** Writes `results.json` into `dir` (made if missing), atomically: canonical JSON of `results`, or the pieces given. */
export async function writeResults(
  dir: string,
  results: ScenarioResults | Iterable<string>,
): Promise<string> {
  const path = join(dir, 'results.json');
  const text = Symbol.iterator in results ? results : canonicalJson(results);
  await writeFileAtomic(path, text);
  return path;
}

/** A plan's cell list as (index, key), e.g. for `--json` listings. */
export function cellKeys(plan: Plan): { index: number; key: string }[] {
  return Array.from({ length: plan.cellCount }, (_, i) => ({ index: i, key: cellAt(plan, i).key }));
}
