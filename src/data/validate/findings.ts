import { InputError } from '../../core/index.ts';

/**
 * Repairs an import may be asked to make. Each one is documented in docs/importers.md and every
 * use is counted in the file's findings.
 * - `uncross`: when a book update leaves the book crossed, remove the opposite levels it crosses
 *   that are older than it (stale), emitting explicit deletions.
 * - `resync`: on a sequence gap, clear the book and drop depth diffs until the next snapshot.
 */
export const REPAIR_RULES = ['uncross', 'resync'] as const;
export type RepairRule = (typeof REPAIR_RULES)[number];

export function parseRepairs(names: readonly string[]): Set<RepairRule> {
  const out = new Set<RepairRule>();
  for (const name of names) {
    if (!(REPAIR_RULES as readonly string[]).includes(name)) {
      throw new InputError('bad-flag', `unknown repair '${name}'; known repairs: ${REPAIR_RULES.join(', ')}`);
    }
    out.add(name as RepairRule);
  }
  return out;
}

/** Counts of repairs and notable (but legal) input features, by rule name. */
export class Findings {
  private readonly counts = new Map<string, number>();

  count(rule: string, n = 1): void {
    if (n !== 0) this.counts.set(rule, (this.counts.get(rule) ?? 0) + n);
  }

  get(rule: string): number {
    return this.counts.get(rule) ?? 0;
  }

  /** Plain record with keys in sorted order (stable metadata bytes). */
  toRecord(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key)!;
    return out;
  }
}
