import { parentPort, workerData } from 'node:worker_threads';
import { loadExecutor } from './executor.ts';
import { cellAt, type Plan } from './plan.ts';
import type { FromWorker, ToWorker } from './pool.ts';

/** A pool thread: runs the cells it is sent, one at a time, and posts each record back. */
const data = workerData as { plan: Plan; executor: string };
const port = parentPort;
if (!port) throw new Error('worker.ts runs only as a worker thread');
const execute = await loadExecutor(data.executor);
port.on('message', async (msg: ToWorker) => {
  if (msg.type === 'stop') {
    port.close();
    return;
  }
  let reply: FromWorker;
  try {
    reply = { type: 'done', record: await execute(data.plan, cellAt(data.plan, msg.index)) };
  } catch (err) {
    const e = err as Error;
    reply = { type: 'error', index: msg.index, name: e.name, message: e.message, stack: e.stack ?? '' };
  }
  port.postMessage(reply);
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
