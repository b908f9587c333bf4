import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** Heap bytes each of `n` values made by `make` keeps alive, measured between full collections. */
export function retainedBytesEach(n: number, make: (i: number) => unknown): number {
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = Array.from({ length: n }, (_, i) => make(i));
  gc();
  const after = process.memoryUsage().heapUsed;
  if (kept.length !== n) throw new Error('lost values');
  return (after - before) / n;
}
