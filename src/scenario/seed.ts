import { createHash } from 'node:crypto';

/**
 * The seed of one cell, from the scenario seed and the cell's key: independent of the order cells
 * run in, of the worker count and of the shard, so any cell can be re-run alone.
 */
export function deriveSeed(scenarioSeed: string | number, key: string): string {
  return createHash('sha256')
    .update(`${String(scenarioSeed)}\u0000${key}`)
    .digest('hex')
    .slice(0, 16);
}

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
