import { parentPort } from 'node:worker_threads';
import { canonicalJson, isInputError } from '../core/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { encodeAnalysis } from './analysis-codec.ts';
import { adoptSharedRows } from './dataset-memo.ts';
import { type CellRecord, type ExecuteCell, recordOf } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import type { FromWorker, ToWorker } from './pool.ts';

/** What a pool thread starts with; its plan comes by message (ToWorker 'plan'). */
export interface WorkerData {
  /** The module the thread loads (worker.ts through tsx, or the bundle's own entry). */
  entry: string;
  executor: string;
}

/**
 * A pool thread's work: runs the cells it is sent one at a time, in the order sent (the pool sends
 * the next before this one ends, so no time is lost between cells), and posts each record back as
 * the canonical JSON its cell file holds — with its TCA when `analyze` is given — so that the
 * main thread, which all threads' records pass through, only writes files. The plan comes first,
 * by message: the thread may have been started before it existed.
 */
export function serveCells(
  execute: ExecuteCell,
  analyze?: (plan: Plan, record: CellRecord) => Promise<OrderAnalysis>,
): void {
  let plan: Plan | undefined;
  let analyzeHere: typeof analyze;
  const port = parentPort;
  if (!port) throw new Error('pool threads run only as worker threads');
  const queue: number[] = [];
  let running = false;
  let stopping = false;

  const work = async (): Promise<void> => {
    running = true;
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      let reply: FromWorker;
      try {
        if (plan === undefined) throw new Error('a cell was sent before the plan');
        const record = recordOf(index, await execute(plan, cellAt(plan, index)));
        const text = canonicalJson(record);
        reply = { type: 'done', index, text, analysis: await analysisOf(record) };
      } catch (err) {
        const e = err as Error;
        const input = isInputError(e)
          ? { rule: e.rule, detail: e.detail, file: e.file, row: e.row }
          : undefined;
        reply = { type: 'error', index, name: e.name, message: e.message, stack: e.stack ?? '', input };
      }
      port.postMessage(reply);
    }
    running = false;
    if (stopping) port.close();
  };

  // A record whose TCA fails here is still saved: the report step analyses it again on the main
  // thread, where the failure is reported, as with no threads.
  const analysisOf = async (record: CellRecord) => {
    if (analyzeHere === undefined || plan === undefined) return undefined;
    try {
      return encodeAnalysis(await analyzeHere(plan, record));
    } catch {
      return undefined;
    }
  };

  port.on('message', (msg: ToWorker) => {
    if (msg.type === 'plan') {
      plan = msg.plan;
      analyzeHere = msg.analyze ? analyze : undefined;
      adoptSharedRows(msg.rows);
      port.postMessage({ type: 'ready' } satisfies FromWorker);
      return;
    }
    if (msg.type === 'stop') stopping = true;
    else queue.push(msg.index);
    if (!running) void work();
  });
}
