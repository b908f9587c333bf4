// Worker threads start here: tsx's register API lets them import execsim's TypeScript sources.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
