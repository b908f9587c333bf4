import { InputError } from '../core/index.ts';

/** Shard `index` of `count` (0-based): it owns the cells whose index ≡ shard index (mod count). */
export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!m || count < 1 || index >= count) {
    throw new InputError('bad-shard', `--shard '${text}': expected i/n with 0 ≤ i < n, e.g. 0/4`);
  }
  return { index, count };
}

/** Cell indices of a shard, ascending. Round-robin spreads windows evenly over shards. */
export function shardCells(total: number, shard: Shard = { index: 0, count: 1 }): number[] {
  const out: number[] = [];
  for (let i = shard.index; i < total; i += shard.count) out.push(i);
  return out;
}
