import { Worker } from 'node:worker_threads';
import { ExecsimError, InputError } from '../core/index.ts';
import type { EncodedAnalysis } from './analysis-codec.ts';
import { shareKeptRows } from './dataset-memo.ts';
import { DEFAULT_EXECUTOR } from './executor.ts';
import type { Plan } from './plan.ts';
import { withoutTsx } from './thread-flags.ts';
import { simWorkerBundle } from './worker-bundle.ts';

export type ToWorker = { type: 'cell'; index: number } | { type: 'stop' };
export type FromWorker =
  | { type: 'ready' }
  /** A finished cell: its record as canonical JSON (what its cell file holds), and its TCA. */
  | { type: 'done'; index: number; text: string; analysis?: EncodedAnalysis }
  | { type: 'error'; index: number; name: string; message: string; stack: string };

/** Threads of other executors start through tsx, which loads worker.ts and the executor's module. */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

/** Cells a thread holds at once: the one it runs and the next, so it never waits for this thread. */
const IN_FLIGHT = 2;

/**
 * Runs `indices` on `workers` threads, handing out the next cell as a thread frees up. `onRecord`
 * runs on this thread for each finished cell (in completion order — callers key by index, so the
 * order does not matter) with its record's canonical JSON, made on the thread, and the cell's TCA
 * when `analyze` and the thread could make it. The first failure stops the pool and rejects.
 */
export async function runOnPool(
  plan: Plan,
  executor: string,
  indices: number[],
  workers: number,
  onRecord: (index: number, text: string, analysis?: EncodedAnalysis) => Promise<void>,
  analyze = false,
): Promise<void> {
  if (indices.length === 0) return;
  const queue = [...indices];
  const threads: Worker[] = [];
  let failure: Error | undefined;
  const count = Math.max(1, Math.min(workers, queue.length));
  const bundle = executor === DEFAULT_EXECUTOR ? await simWorkerBundle() : undefined;
  const start = bundle ?? BOOTSTRAP;
  const data = { entry: ENTRY, plan, executor, analyze, rows: shareKeptRows() };
  try {
    await Promise.all(
      Array.from({ length: count }, () => {
        const w = startThread(start, data, bundle !== undefined);
        threads.push(w);
        return new Promise<void>((resolve, reject) => {
          /** Cells sent to this thread and not yet saved. */
          let held = 0;
          const fill = () => {
            while (held < IN_FLIGHT) {
              const index = failure ? undefined : queue.shift();
              if (index === undefined) break;
              held++;
              w.postMessage({ type: 'cell', index } satisfies ToWorker);
            }
            if (held === 0) {
              w.postMessage({ type: 'stop' } satisfies ToWorker);
              resolve();
            }
          };
          w.on('message', (msg: FromWorker) => {
            if (msg.type === 'ready') fill();
            else if (msg.type === 'done') {
              onRecord(msg.index, msg.text, msg.analysis).then(
                () => {
                  held--;
                  fill();
                },
                (err: Error) => {
                  failure ??= err;
                  reject(err);
                },
              );
            } else {
              const err =
                msg.name === 'InputError'
                  ? new InputError('cell-failed', `cell ${msg.index}: ${msg.message}`)
                  : new ExecsimError(`cell ${msg.index} failed: ${msg.stack || msg.message}`);
              failure ??= err;
              reject(err);
            }
          });
          w.on('error', (err) => {
            failure ??= err;
            reject(err);
          });
          w.on('exit', (code) => {
            if (held > 0) {
              const err = new ExecsimError(`a worker exited (code ${code}) in the middle of a cell`);
              failure ??= err;
              reject(err);
            }
          });
        });
      }),
    );
  } finally {
    await Promise.all(threads.map((t) => t.terminate()));
  }
}

/**
 * A pool thread. One from the bundle needs no TypeScript loader: with tsx's flags (which pass its
 * hooks to threads) it would only compile again what the bundle holds, so they are left out — and
 * if Node refuses the flags left (some apply to the whole process), the thread inherits them all.
 */
function startThread(start: URL, workerData: unknown, plain: boolean): Worker {
  const flags = withoutTsx(process.execArgv);
  if (!plain || flags.length === process.execArgv.length) return new Worker(start, { workerData });
  try {
    return new Worker(start, { workerData, execArgv: flags });
  } catch (err) {
    if ((err as { code?: string }).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
    return new Worker(start, { workerData });
  }
}
