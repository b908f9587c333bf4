import { parentPort, workerData } from 'node:worker_threads';
import { loadExecutor } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import type { FromWorker, ToWorker } from './pool.ts';

/**
 * A pool thread: runs the cells it is sent one at a time, in the order sent (the pool sends the next
 * before this one ends, so no time is lost between cells), and posts each record back.
 */
const data = workerData as { plan: Plan; executor: string };
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const execute = await loadExecutor(data.executor);
const queue: number[] = [];
let running = false;
let stopping = false;

port.on('message', (msg: ToWorker) => {
  if (msg.type === 'stop') stopping = true;
  else queue.push(msg.index);
  if (!running) void work();
});

async function work(): Promise<void> {
  running = true;
  for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
    let reply: FromWorker;
    try {
      reply = { type: 'done', record: await execute(data.plan, cellAt(data.plan, index)) };
    } catch (err) {
      const e = err as Error;
      reply = { type: 'error', index, name: e.name, message: e.message, stack: e.stack ?? '' };
    }
    port?.postMessage(reply);
  }
  running = false;
  if (stopping) port?.close();
}
port.postMessage({ type: 'ready' } satisfies FromWorker);
