/**
 * Sweep throughput with 1 and 2 worker threads on the same scenario (bench/scenarios/sweep.yaml,
 * 256 cells of real data), best of `reps`:
 * - whole `execsim sweep` processes (start-up, planning, workers, cells, report): what a user waits
 *   for, and the figure `sweep.speedup_2_workers`;
 * - the cells alone, through runCells in this process (workers started, cells run and saved): the
 *   pool's own scaling, `sweep.cells_speedup_2_workers`.
 * Both worker counts must give the same report.json.
 * Run: npx tsx bench/sweep.ts [reps=2]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, planScenario, runCells } from '../src/scenario/index.ts';
import { emit, figure } from './lib/figures.ts';

const root = new URL('..', import.meta.url).pathname;
const scenario = join(root, 'bench/scenarios/sweep.yaml');
const reps = Number(process.argv[2] ?? 2);

function sweep(workers: number): { seconds: number; cells: number; report: string } {
  let best = Number.POSITIVE_INFINITY;
  let cells = 0;
  let report = '';
  for (let r = 0; r < reps; r++) {
    const out = mkdtempSync(join(tmpdir(), 'execsim-sweep-bench-'));
    const t0 = process.hrtime.bigint();
    const p = spawnSync(
      process.execPath,
      [
        join(root, 'bin/execsim.js'),
        'sweep',
        scenario,
        '--workers',
        String(workers),
        '--out',
        out,
        '--quiet',
        '--json',
      ],
      { encoding: 'utf8', cwd: root },
    );
    const secs = Number(process.hrtime.bigint() - t0) / 1e9;
    if (p.status !== 0) throw new Error(`sweep failed: ${p.stderr}`);
    const summary = JSON.parse(p.stdout.trim().split('\n').at(-1) ?? '{}') as {
      total?: number;
      cells?: number;
    };
    cells = summary.total ?? summary.cells ?? 0;
    report = readFileSync(join(out, 'report.json'), 'utf8');
    rmSync(out, { recursive: true, force: true });
    best = Math.min(best, secs);
  }
  return { seconds: best, cells, report };
}

async function cellsOnly(workers: number): Promise<number> {
  const plan = await planScenario(loadScenario(scenario));
  let best = Number.POSITIVE_INFINITY;
  for (let r = 0; r < reps; r++) {
    const out = mkdtempSync(join(tmpdir(), 'execsim-sweep-bench-'));
    const t0 = process.hrtime.bigint();
    await runCells(plan, { out, workers });
    best = Math.min(best, Number(process.hrtime.bigint() - t0) / 1e9);
    rmSync(out, { recursive: true, force: true });
  }
  return plan.cellCount / best;
}

const one = sweep(1);
const two = sweep(2);
if (one.report !== two.report) throw new Error('1 and 2 workers gave different report.json');
const cells1 = await cellsOnly(1);
const cells2 = await cellsOnly(2);
emit([
  figure('sweep.cells_per_s_1_worker', one.cells / one.seconds, 'cells/s'),
  figure('sweep.cells_per_s_2_workers', two.cells / two.seconds, 'cells/s'),
  figure('sweep.speedup_2_workers', one.seconds / two.seconds, '×', { name: 'target', value: 1.8 }),
  figure('sweep.pool.cells_per_s_1_worker', cells1, 'cells/s'),
  figure('sweep.pool.cells_per_s_2_workers', cells2, 'cells/s'),
  figure('sweep.cells_speedup_2_workers', cells2 / cells1, '×', { name: 'target', value: 1.8 }),
]);
