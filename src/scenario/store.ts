import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ExecsimError, InputError } from '../core/index.ts';
import { writeFileAtomic, writeFileAtomicSync } from '../data/index.ts';
import { canonicalJson } from './canonical.ts';
import type { CellRecord } from './executor.ts';
import type { Plan } from './plan.ts';

/**
 * An output folder: `plan.json` (what is being run) and `cells/<index>.json`, one canonical file
 * per finished cell, each written atomically — so an interrupted sweep resumes from what is there.
 */
export class CellStore {
  readonly dir: string;
  private readonly cellsDir: string;

  constructor(dir: string) {
    this.dir = dir;
    this.cellsDir = join(dir, 'cells');
  }

  /**
   * Creates the folder for `plan`. `fresh` first clears an earlier run of the same scenario (by
   * name: its cells and plan, whatever was edited since — what `run` and `compare` do); otherwise
   * earlier cells are kept with `resume` and an error without it, and cells of another plan are
   * an error — another scenario's work is never dropped by accident.
   */
  async open(plan: Plan, resume: boolean, fresh = false): Promise<void> {
    const planFile = join(this.dir, 'plan.json');
    if (fresh && existsSync(planFile)) {
      const old = readPlan(this.dir);
      if (old.name !== plan.name) {
        throw new InputError(
          'other-plan',
          `${this.dir} holds cells of scenario '${old.name}', not '${plan.name}'; use another --out or remove it`,
        );
      }
      rmSync(this.cellsDir, { recursive: true, force: true });
      rmSync(planFile, { force: true });
    }
    mkdirSync(this.cellsDir, { recursive: true });
    if (existsSync(planFile)) {
      const old = readPlan(this.dir);
      if (old.fingerprint !== plan.fingerprint) {
        throw new InputError(
          'other-plan',
          `${this.dir} holds cells of another scenario or version (fingerprint ${old.fingerprint.slice(0, 12)}); use another --out`,
        );
      }
      if (!resume && this.done().size > 0) {
        throw new InputError(
          'cells-exist',
          `${this.dir} already holds finished cells; pass --resume to continue`,
        );
      }
    }
    await writeFileAtomic(planFile, canonicalJson(plan));
  }

  /** Indices of the cells already persisted. */
  done(): Set<number> {
    if (!existsSync(this.cellsDir)) return new Set();
    const out = new Set<number>();
    for (const name of readdirSync(this.cellsDir)) {
      const m = /^(\d+)\.json$/.exec(name);
      if (m) out.add(Number(m[1]));
    }
    return out;
  }

  /** Saves cell `index` from its record's canonical JSON (made where the cell ran); `open` made the folder. */
  writeText(index: number, text: string): void {
    writeFileAtomicSync(this.cellPath(index), text);
  }

  read(index: number): CellRecord {
    return JSON.parse(this.cellText(index)) as CellRecord;
  }

  cellText(index: number): string {
    return readFileSync(this.cellPath(index), 'utf8');
  }

  cellPath(index: number): string {
    return join(this.cellsDir, `${String(index).padStart(8, '0')}.json`);
  }
}

export function readPlan(dir: string): Plan {
  const file = join(dir, 'plan.json');
  if (!existsSync(file))
    throw new InputError('no-plan', `${dir} is not an execsim output folder (no plan.json)`);
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Plan;
  } catch {
    throw new ExecsimError(`${file} is not JSON`);
  }
}
