import { workerData } from 'node:worker_threads';
import { loadExecutor } from './executor.ts';
import { serveCells, type WorkerData } from './worker-loop.ts';

/** A pool thread for any executor module, loaded through tsx (worker-bootstrap.mjs). */
serveCells(await loadExecutor((workerData as WorkerData).executor));
