import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeFileAtomic } from '../data/index.ts';
import { canonicalJson } from './canonical.ts';
import type { Json } from './executor.ts';
import { diffGolden, formatDiff, type GoldenDiff } from './golden.ts';
import { loadScenario } from './load.ts';
import { planScenario } from './plan.ts';
import { writeScenarioReport } from './report.ts';
import { collectResults, runCells } from './runner.ts';
import { CellStore } from './store.ts';

export interface CheckOptions {
  goldenDir: string;
  /** Rewrite the goldens from this run instead of comparing. */
  update?: boolean;
  executor?: string;
  workers?: number;
}

export interface CheckOutcome {
  scenario: string;
  file: string;
  golden: string;
  status: 'pass' | 'fail' | 'updated' | 'no-golden';
  diffs: GoldenDiff[];
  /** Readable explanation for a failure. */
  message?: string;
}

/** Golden file of a scenario: `<goldenDir>/<scenario file name without extension>.json`. */
export function goldenPath(goldenDir: string, scenarioFile: string): string {
  return join(goldenDir, `${basename(scenarioFile).replace(/\.(ya?ml|json)$/i, '')}.json`);
}

/** The summary first: per-strategy figures and comparisons, then the inputs, then per-window and per-order detail. */
const DIFF_ORDER = [
  'strategies',
  'comparisons',
  'fingerprint',
  'inputs',
  'settings',
  'byDay',
  'byWindow',
  'orders',
];

function rank(path: string): number {
  const i = DIFF_ORDER.findIndex((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[`));
  return i < 0 ? DIFF_ORDER.length : i;
}

/** Re-runs one regression scenario and compares its canonical report.json with the golden file. */
export async function checkScenario(file: string, opts: CheckOptions): Promise<CheckOutcome> {
  const scenario = loadScenario(file);
  const plan = await planScenario(scenario);
  const work = mkdtempSync(join(tmpdir(), 'execsim-check-'));
  try {
    await runCells(plan, { out: work, executor: opts.executor, workers: opts.workers });
    const { cells } = collectResults(plan, new CellStore(work));
    const { model } = await writeScenarioReport(plan, cells, work);
    const actual = canonicalJson(model.json);
    const golden = goldenPath(opts.goldenDir, file);
    const base = { scenario: plan.name, file, golden };
    if (opts.update) {
      mkdirSync(opts.goldenDir, { recursive: true });
      await writeFileAtomic(golden, actual);
      return { ...base, status: 'updated', diffs: [] };
    }
    if (!existsSync(golden)) {
      return {
        ...base,
        status: 'no-golden',
        diffs: [],
        message: `no golden file ${golden}; run check --update`,
      };
    }
    const expectedText = readFileSync(golden, 'utf8');
    if (expectedText === actual) return { ...base, status: 'pass', diffs: [] };
    const diffs = diffGolden(
      JSON.parse(expectedText) as Json,
      JSON.parse(actual) as Json,
      plan.check.tolerances,
    );
    if (diffs.length === 0) return { ...base, status: 'pass', diffs };
    diffs.sort((a, b) => rank(a.path) - rank(b.path));
    return {
      ...base,
      status: 'fail',
      diffs,
      message: `${diffs.length} value(s) differ from ${golden}:\n${formatDiff(diffs)}`,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
