import { InputError } from '../core/index.ts';
import type { Plan } from './plan.ts';
import { missingCells } from './runner.ts';
import { CellStore, readPlan } from './store.ts';

/**
 * Gathers the cells of shard outputs into `out`. All inputs must hold the same plan (fingerprint);
 * a cell found in two inputs must be byte-identical; the union must be complete.
 */
export async function mergeOutputs(dirs: string[], out: string): Promise<{ plan: Plan; store: CellStore }> {
  if (dirs.length === 0) throw new InputError('no-inputs', 'merge needs at least one shard folder');
  const plans = dirs.map((d) => readPlan(d));
  const plan = plans[0];
  for (const [i, p] of plans.entries()) {
    if (p.fingerprint !== plan.fingerprint) {
      throw new InputError('other-plan', `${dirs[i]} was run from another plan than ${dirs[0]}`);
    }
  }
  const target = new CellStore(out);
  await target.open(plan, true);
  const present = target.done();
  for (const dir of dirs) {
    const src = new CellStore(dir);
    if (src.dir === target.dir) continue;
    for (const i of src.done()) {
      if (present.has(i)) {
        if (src.cellText(i) !== target.cellText(i)) {
          throw new InputError('cell-conflict', `cell ${i} differs between ${dir} and the merged output`);
        }
        continue;
      }
      // Through a temp file, as every cell is written: a merge killed here leaves no half cell.
      target.writeText(i, src.cellText(i));
      present.add(i);
    }
  }
  const missing = missingCells(plan, target);
  if (missing.length > 0) {
    const list = missing.slice(0, 10).join(', ');
    throw new InputError(
      'incomplete',
      `${missing.length} of ${plan.cellCount} cells missing after merge (${list}${missing.length > 10 ? ', …' : ''})`,
    );
  }
  return { plan, store: target };
}
