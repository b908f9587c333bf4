/**
 * Sweep throughput with 1 and 2 worker threads on the same scenario (bench/scenarios/sweep.yaml,
 * 256 cells of real data), best of `reps`, the two worker counts taking turns so that a drift of
 * the machine's speed hits both:
 * - whole `execsim sweep` processes (start-up, planning, workers, cells, report): what a user waits
 *   for, and the figure `sweep.speedup_2_workers`;
 * - the cells alone, through runCells in this process (threads started, cells run, analysed and
 *   saved): the pool's own scaling, `sweep.cells_speedup_2_workers`;
 * - the machine's own ceiling for two: two whole one-worker sweeps at once, each its own process
 *   with nothing shared, against one alone: `sweep.two_processes_ceiling` = 2 × (one alone) / (both
 *   at once). What that loses against 2× is what this machine gives two such jobs, whatever a pool
 *   does; the 2-worker speedup is read against it.
 * - the CPU each whole sweep used, all its threads (the CLI's main thread, its workers, V8's compiler
 *   and GC threads), read at exit: `sweep.cores_busy_1_worker` is how many of the machine's cores a
 *   one-worker sweep already keeps busy, and `sweep.two_cores_bound` = one worker's seconds / (the
 *   2-worker sweep's CPU seconds / 2) the most two cores allow a 2-worker sweep that needs that CPU.
 * - the one-worker sweep's serial part: all of the process's time but the cells after the first
 *   (its JSON summary's `cells` phase) — starting, planning, until the first cell was saved
 *   (threads started, one through its first cell), the report and the exit, which more workers do
 *   not shorten. `sweep.serial_bound_2_workers` is Amdahl's bound for two workers with the rest
 *   halved.
 * Rates are the best of `reps` rounds. The whole sweep's speed-up and the ceiling are medians over
 * rounds of each round's own ratio (its runs seconds apart), which a drift of the machine's speed
 * between rounds leaves alone; the cells' speed-up is best against best.
 * - the same, whole processes only, on a sweep four times as long (bench/scenarios/sweep-long.yaml,
 *   1,024 cells), where each worker's fixed costs weigh less: `sweep.long.speedup_2_workers`.
 * Both worker counts must give the same report.json.
 * Run: npx tsx bench/sweep.ts [reps=3]
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadScenario, type Plan, planScenario, runCells } from '../src/scenario/index.ts';
import { CPU_LINE } from './lib/cpu-line.mjs';
import { emit, figure, median } from './lib/figures.ts';

const root = new URL('..', import.meta.url).pathname;
const scenario = join(root, 'bench/scenarios/sweep.yaml');
/** The same sweep with four times the seeds (1,024 cells). */
const longScenario = join(root, 'bench/scenarios/sweep-long.yaml');
const reps = Number(process.argv[2] ?? 3);

const cpuAtExit = join(root, 'bench/lib/cpu-at-exit.mjs');

interface SweepRun {
  start: number;
  end: number;
  /** Seconds of the summary's `cells` phase: the cells after the first, the part more workers share. */
  cellsPhase: number;
  /** CPU seconds of the whole process, all threads. */
  cpu: number;
  cells: number;
  report: string;
}

/**
 * One whole `execsim sweep` process: when it started and exited (ms; the output folder made before,
 * removed after), its CPU time, the cells it ran and its report.json.
 */
function sweepRun(workers: number, file = scenario): Promise<SweepRun> {
  const out = mkdtempSync(join(tmpdir(), 'execsim-sweep-bench-'));
  const args = [join(root, 'bin/execsim.js'), 'sweep', file, '--workers', String(workers), '--out', out];
  const start = performance.now();
  const p = spawn(process.execPath, ['--import', cpuAtExit, ...args, '--quiet', '--json'], { cwd: root });
  let stdout = '';
  let stderr = '';
  p.stdout.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  p.stderr.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    p.on('error', reject);
    p.on('close', (code) => {
      const end = performance.now();
      try {
        if (code !== 0) throw new Error(`sweep failed: ${stderr}`);
        const summary = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
          total?: number;
          seconds?: Record<string, number>;
        };
        const cellsPhase = summary.seconds?.cells;
        if (cellsPhase === undefined) throw new Error(`sweep printed no phase timings: ${stdout}`);
        const cpuLine = stderr.split('\n').find((l) => l.startsWith(CPU_LINE));
        if (cpuLine === undefined) throw new Error(`sweep printed no CPU time: ${stderr}`);
        resolve({
          start,
          end,
          cpu: (JSON.parse(cpuLine.slice(CPU_LINE.length)) as { seconds: number }).seconds,
          cellsPhase,
          cells: summary.total ?? 0,
          report: readFileSync(join(out, 'report.json'), 'utf8'),
        });
      } catch (err) {
        reject(err);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    });
  });
}

/** One whole sweep on `workers` threads: seconds, its serial seconds, CPU seconds, cells and report.json. */
async function sweepOnce(
  workers: number,
  file = scenario,
): Promise<{ seconds: number; serial: number; cpu: number; cells: number; report: string }> {
  const r = await sweepRun(workers, file);
  const seconds = (r.end - r.start) / 1000;
  return {
    seconds,
    serial: seconds - r.cellsPhase,
    cpu: r.cpu,
    cells: r.cells,
    report: r.report,
  };
}

/** Two whole one-worker sweeps at once: seconds from the first start to the last exit. */
async function twoAtOnce(): Promise<number> {
  const runs = await Promise.all([sweepRun(1), sweepRun(1)]);
  return (Math.max(runs[0].end, runs[1].end) - Math.min(runs[0].start, runs[1].start)) / 1000;
}

/** The cells alone on `workers` threads, in this process: seconds. */
async function cellsOnce(plan: Plan, workers: number): Promise<number> {
  const out = mkdtempSync(join(tmpdir(), 'execsim-sweep-bench-'));
  const t0 = process.hrtime.bigint();
  await runCells(plan, { out, workers });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(out, { recursive: true, force: true });
  return seconds;
}

/**
 * `run` with 1 and with 2 workers, the two counts taking turns going first from round to round, so
 * that a drift of the machine's speed hits both alike.
 */
async function inTurn<T>(round: number, run: (workers: number) => Promise<T>): Promise<{ one: T; two: T }> {
  if (round % 2 === 0) {
    const one = await run(1);
    return { one, two: await run(2) };
  }
  const two = await run(2);
  return { one: await run(1), two };
}

/** A round of whole sweeps of `file`, both counts, refused unless they wrote the same report.json. */
async function sweepPair(round: number, file = scenario) {
  const pair = await inTurn(round, (workers) => sweepOnce(workers, file));
  if (pair.one.report !== pair.two.report)
    throw new Error(`1 and 2 workers gave different report.json (${file})`);
  return pair;
}

const best = { one: Number.POSITIVE_INFINITY, two: Number.POSITIVE_INFINITY };
// Per round, so that each ratio compares runs a few seconds apart, in one phase of the machine.
const speedups: number[] = [];
const ceilings: number[] = [];
const coresBusy: number[] = [];
const bounds: number[] = [];
const serial: number[] = [];
const serialBounds: number[] = [];
const cpu = { one: [] as number[], two: [] as number[] };
let cells = 0;
// Untimed: the first start of the CLI on a fresh clone builds its bundle and fills the data caches,
// which would weigh on the first round's first run alone.
await sweepOnce(1);
for (let r = 0; r < reps; r++) {
  const { one, two } = await sweepPair(r);
  cells = one.cells;
  best.one = Math.min(best.one, one.seconds);
  best.two = Math.min(best.two, two.seconds);
  speedups.push(one.seconds / two.seconds);
  cpu.one.push(one.cpu);
  cpu.two.push(two.cpu);
  coresBusy.push(one.cpu / one.seconds);
  bounds.push(one.seconds / (two.cpu / 2));
  // Amdahl: the serial part as it was, the rest on two workers at twice the speed.
  serial.push(one.serial);
  serialBounds.push(one.seconds / (one.serial + (one.seconds - one.serial) / 2));
  ceilings.push((2 * one.seconds) / (await twoAtOnce()));
}
const plan = await planScenario(loadScenario(scenario));
const bestCells = { one: Number.POSITIVE_INFINITY, two: Number.POSITIVE_INFINITY };
for (let r = 0; r < reps; r++) {
  const { one, two } = await inTurn(r, (workers) => cellsOnce(plan, workers));
  bestCells.one = Math.min(bestCells.one, one);
  bestCells.two = Math.min(bestCells.two, two);
}
// The long sweep: whole processes only, one pair a round.
const longBest = { one: Number.POSITIVE_INFINITY, two: Number.POSITIVE_INFINITY };
const longSpeedups: number[] = [];
let longCells = 0;
for (let r = 0; r < reps; r++) {
  const { one, two } = await sweepPair(r, longScenario);
  longCells = one.cells;
  longBest.one = Math.min(longBest.one, one.seconds);
  longBest.two = Math.min(longBest.two, two.seconds);
  longSpeedups.push(one.seconds / two.seconds);
}
const cells1 = plan.cellCount / bestCells.one;
const cells2 = plan.cellCount / bestCells.two;
emit([
  figure('sweep.cells_per_s_1_worker', cells / best.one, 'cells/s'),
  figure('sweep.cells_per_s_2_workers', cells / best.two, 'cells/s'),
  figure('sweep.speedup_2_workers', median(speedups), '×', { name: 'target', value: 1.8 }),
  figure('sweep.pool.cells_per_s_1_worker', cells1, 'cells/s'),
  figure('sweep.pool.cells_per_s_2_workers', cells2, 'cells/s'),
  figure('sweep.cells_speedup_2_workers', cells2 / cells1, '×', { name: 'target', value: 1.8 }),
  figure('sweep.two_processes_ceiling', median(ceilings), '×', {
    name: 'whole sweep, 2 workers against 1 (same run)',
    value: median(speedups),
  }),
  figure('sweep.long.cells_per_s_1_worker', longCells / longBest.one, 'cells/s'),
  figure('sweep.long.cells_per_s_2_workers', longCells / longBest.two, 'cells/s'),
  figure('sweep.long.speedup_2_workers', median(longSpeedups), '×', { name: 'target', value: 1.8 }),
  figure('sweep.cpu_seconds_1_worker', median(cpu.one), 's'),
  figure('sweep.cpu_seconds_2_workers', median(cpu.two), 's'),
  figure('sweep.cores_busy_1_worker', median(coresBusy), 'cores'),
  figure('sweep.serial_seconds_1_worker', median(serial), 's'),
  figure('sweep.serial_bound_2_workers', median(serialBounds), '×', {
    name: 'whole sweep, 2 workers against 1 (same run)',
    value: median(speedups),
  }),
  figure('sweep.two_cores_bound', median(bounds), '×', {
    name: 'whole sweep, 2 workers against 1 (same run)',
    value: median(speedups),
  }),
]);
