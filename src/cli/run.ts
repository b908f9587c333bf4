import type { CommandModule } from 'yargs';
import {
  checkWorkers,
  DEFAULT_EXECUTOR,
  finishRun,
  inScenario,
  loadScenario,
  PoolThreads,
  parseShard,
  planScenario,
  runCells,
  type Shard,
} from '../scenario/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { makeProgress, printSummary } from './progress.ts';
import { scenarioRunOptions } from './scenario-options.ts';

export interface RunArgs {
  scenario: string;
  out?: string;
  workers: number;
  shard?: string;
  resume: boolean;
  executor?: string;
  quiet: boolean;
  json: boolean;
}

/** Shared by `run` and `sweep`: plan, run the owned cells, and write results.json and the report when complete. */
export async function runScenarioCommand(args: RunArgs, label: string): Promise<void> {
  // Options are checked before anything starts; what fails after is the scenario's.
  checkWorkers(args.workers);
  const shard = args.shard !== undefined ? parseShard(args.shard) : undefined;
  const progress = makeProgress(label, args.quiet);
  const executor = args.executor ?? DEFAULT_EXECUTOR;
  // The pool's threads load their code while this thread reads and plans the scenario.
  const threads = args.workers > 0 ? new PoolThreads(executor, args.workers) : undefined;
  try {
    await runPlanned(args, label, progress, executor, threads, shard);
  } catch (err) {
    throw inScenario(args.scenario, err);
  } finally {
    await threads?.close();
  }
}

async function runPlanned(
  args: RunArgs,
  label: string,
  progress: ReturnType<typeof makeProgress>,
  executor: string,
  threads: PoolThreads | undefined,
  shard: Shard | undefined,
): Promise<void> {
  const scenario = loadScenario(args.scenario);
  const plan = await planScenario(scenario);
  progress.endPhase('plan');
  const out = args.out ?? `reports/out/${plan.name}`;
  const analyses = new Map<number, OrderAnalysis>();
  // runCells reports the cells already there first, then one call per cell it finishes.
  let reports = 0;
  const summary = await runCells(plan, {
    analyses,
    out,
    workers: args.workers,
    shard,
    resume: args.resume,
    // `run` starts over in its folder; `sweep` keeps earlier cells safe unless --resume.
    fresh: label === 'run',
    executor,
    threads,
    onProgress: (d, t) => {
      // Until the first cell is saved: the threads started and the first of them through a cell.
      if (++reports === 2) progress.endPhase('firstCell');
      progress.update(d, t);
    },
  });
  progress.endPhase('cells');
  progress.stop();
  const complete = shard === undefined || shard.count === 1;
  const finished = complete ? await finishRun(plan, out, analyses) : undefined;
  if (finished) progress.endPhase('report');
  const results = finished?.results;
  printSummary(
    args.json,
    {
      scenario: plan.name,
      fingerprint: plan.fingerprint,
      out,
      ...summary,
      shard: args.shard ?? null,
      results: results ?? null,
      files: finished?.files ?? [],
      seconds: progress.timings(),
    },
    [
      `${plan.name}: ${summary.total} cells (${summary.ran} run, ${summary.reused} reused) in ${progress.elapsedSeconds().toFixed(1)} s`,
      finished
        ? `report: ${finished.files.find((f) => f.endsWith('.html')) ?? finished.files[0] ?? finished.results}`
        : `shard ${args.shard} cells in ${out}/cells; combine with execsim merge`,
    ],
  );
}

export const runCommand: CommandModule<object, RunArgs> = {
  command: 'run <scenario>',
  describe: 'Run a scenario: all its strategies on the same windows; results and report into --out',
  builder: (y) =>
    scenarioRunOptions(y).option('json', {
      type: 'boolean',
      default: false,
      describe: 'print the summary as JSON',
    }),
  handler: (args) => runScenarioCommand(args, 'run'),
};
