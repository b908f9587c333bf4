import { Worker } from 'node:worker_threads';
import { ExecsimError, InputError } from '../core/index.ts';
import type { EncodedAnalysis } from './analysis-codec.ts';
import { type SharedRows, shareKeptRows } from './dataset-memo.ts';
import { inCell } from './error-context.ts';
import { DEFAULT_EXECUTOR } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import { withoutTsx } from './thread-flags.ts';
import { simWorkerBundle } from './worker-bundle.ts';

export type ToWorker =
  /** What the thread works on, sent once before any cell: a thread may start before the plan exists. */
  | { type: 'plan'; plan: Plan; analyze: boolean; rows: SharedRows[] }
  | { type: 'cell'; index: number }
  | { type: 'stop' };
export type FromWorker =
  /** The plan received: the thread takes cells. */
  | { type: 'ready' }
  /** A finished cell: its record as canonical JSON (what its cell file holds), and its TCA. */
  | { type: 'done'; index: number; text: string; analysis?: EncodedAnalysis }
  | {
      type: 'error';
      index: number;
      name: string;
      message: string;
      stack: string;
      /** An InputError's parts, so that this thread rebuilds it with its rule and place. */
      input?: { rule: string; detail: string; file?: string; row?: number };
    };

/** Threads of other executors start through tsx, which loads worker.ts and the executor's module. */
const BOOTSTRAP = new URL('./worker-bootstrap.mjs', import.meta.url);
const ENTRY = new URL('./worker.ts', import.meta.url).href;

/** Cells a thread holds at once: the one it runs and the next, so it never waits for this thread. */
const IN_FLIGHT = 2;

/**
 * Pool threads started ahead of their plan, so that they load their code (~0.2 s each) while this
 * thread reads and plans the scenario. They do not keep the process alive until runOnPool takes
 * them, so a failure before that ends the process as it would without them.
 */
export class PoolThreads {
  private pending: Promise<Worker[]> | undefined;

  constructor(
    readonly executor: string,
    count: number,
  ) {
    this.pending = startThreads(executor, count);
    // A failure to start is reported where the threads are taken, not as an unhandled rejection.
    this.pending.catch(() => undefined);
  }

  /** The threads, handed over once; undefined after that or after close. */
  take(): Promise<Worker[]> | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }

  /** Ends the threads not taken. */
  async close(): Promise<void> {
    const p = this.take();
    if (p !== undefined) await terminateAll(await p.catch(() => []));
  }
}

/**
 * How threads ended before runOnPool listened: an error (a module that fails to load, say) or an
 * exit, which would otherwise go unheard and leave the pool waiting for them.
 */
const endedEarly = new WeakMap<Worker, Error>();

async function startThreads(executor: string, count: number): Promise<Worker[]> {
  const bundle = executor === DEFAULT_EXECUTOR ? await simWorkerBundle() : undefined;
  return Array.from({ length: count }, () => {
    const w = startThread(bundle ?? BOOTSTRAP, { entry: ENTRY, executor }, bundle !== undefined);
    w.unref();
    w.once('error', (err) => endedEarly.set(w, err));
    w.once('exit', (code) => {
      if (!endedEarly.has(w))
        endedEarly.set(w, new ExecsimError(`a worker exited (code ${code}) before its first cell`));
    });
    return w;
  });
}

async function terminateAll(threads: Worker[]): Promise<void> {
  await Promise.all(threads.map((t) => t.terminate()));
}

/**
 * Runs `indices` on `workers` threads — those `started` holds, when they are for this executor —
 * handing out the next cell as a thread frees up. `onRecord` runs on this thread for each finished
 * cell (in completion order — callers key by index, so the order does not matter) with its
 * record's canonical JSON, made on the thread, and the cell's TCA when `analyze` and the thread
 * could make it. The first failure stops the pool and rejects.
 */
export async function runOnPool(
  plan: Plan,
  executor: string,
  indices: number[],
  workers: number,
  onRecord: (index: number, text: string, analysis?: EncodedAnalysis) => Promise<void>,
  analyze = false,
  started?: PoolThreads,
): Promise<void> {
  const early = started?.executor === executor ? started.take() : undefined;
  await started?.close();
  const threads = early !== undefined ? await early : [];
  if (indices.length === 0) return terminateAll(threads);
  const queue = [...indices];
  let failure: Error | undefined;
  const count = Math.max(1, Math.min(workers, queue.length));
  await terminateAll(threads.splice(count));
  if (threads.length < count) threads.push(...(await startThreads(executor, count - threads.length)));
  const work: ToWorker = { type: 'plan', plan, analyze, rows: shareKeptRows() };
  try {
    await Promise.all(
      threads.map((w) => {
        w.ref();
        w.postMessage(work);
        return new Promise<void>((resolve, reject) => {
          /** Cells sent to this thread and not yet saved. */
          let held = 0;
          let stopped = false;
          const fill = () => {
            while (held < IN_FLIGHT) {
              const index = failure ? undefined : queue.shift();
              if (index === undefined) break;
              held++;
              w.postMessage({ type: 'cell', index } satisfies ToWorker);
            }
            if (held === 0) {
              stopped = true;
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
              const key = cellAt(plan, msg.index).key;
              const err = msg.input
                ? inCell(key, new InputError(msg.input.rule, msg.input.detail, msg.input))
                : new ExecsimError(`cell ${key} failed: ${msg.stack || msg.message}`);
              failure ??= err;
              reject(err);
            }
          });
          const fail = (err: Error) => {
            failure ??= err;
            reject(err);
          };
          const before = endedEarly.get(w);
          if (before !== undefined) fail(before);
          w.on('error', fail);
          w.on('exit', (code) => {
            // Resolved once it was told to stop; any other exit leaves cells undone.
            if (!stopped)
              fail(
                new ExecsimError(
                  `a worker exited (code ${code}) ${held > 0 ? 'in the middle of a cell' : 'before its first cell'}`,
                ),
              );
          });
        });
      }),
    );
  } finally {
    await terminateAll(threads);
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
