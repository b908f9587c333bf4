import type { CommandModule } from 'yargs';
import type { ReportModel } from '../report/index.ts';
import {
  checkWorkers,
  finishRun,
  inScenario,
  loadScenario,
  planScenario,
  runCells,
} from '../scenario/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { makeProgress } from './progress.ts';
import { scenarioRunOptions } from './scenario-options.ts';

interface CompareArgs {
  scenario: string;
  out?: string;
  workers: number;
  resume: boolean;
  executor?: string;
  quiet: boolean;
  json: boolean;
}

const f = (d: { toFixed(n: number): string } | undefined, n = 2) => (d === undefined ? '–' : d.toFixed(n));

/** The quant's table: cost per strategy and the paired difference to the baseline with its 95% CI. */
export function comparisonTable(model: ReportModel, order: string[] = []): string {
  const baseline = model.comparisons[0]?.baseline ?? [...model.strategies.keys()][0];
  const rank = (n: string) => (n === baseline ? -1 : order.includes(n) ? order.indexOf(n) : order.length);
  const names = [...model.strategies.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
  const diff = new Map(model.comparisons.map((c) => [c.strategy, c]));
  const rows = [
    [
      'strategy',
      'orders',
      'mean bps',
      'median bps',
      `Δ vs ${baseline} bps`,
      '95% CI',
      'win rate',
      'fill ratio',
      'participation',
    ],
  ];
  for (const name of names) {
    const s = model.strategies.get(name);
    if (!s) continue;
    const c = diff.get(name);
    rows.push([
      name,
      String(s.orders),
      f(s.equalWeightedBps),
      f(s.medianBps),
      c ? f(c.meanDiffBps) : name === baseline ? '(baseline)' : '–',
      c ? `[${f(c.ci95[0])}, ${f(c.ci95[1])}]` : '',
      c ? f(c.winRate) : '',
      f(s.fillRatio, 3),
      f(s.participation, 4),
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [line(rows[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

/** Runs a scenario into `out` and returns its report model and files. */
export async function runAndReport(
  file: string,
  opts: { out?: string; workers: number; resume: boolean; executor?: string; quiet: boolean },
) {
  checkWorkers(opts.workers);
  try {
    const plan = await planScenario(loadScenario(file));
    const out = opts.out ?? `reports/out/${plan.name}`;
    const progress = makeProgress(plan.name, opts.quiet);
    const analyses = new Map<number, OrderAnalysis>();
    const summary = await runCells(plan, {
      analyses,
      out,
      workers: opts.workers,
      resume: opts.resume,
      fresh: true,
      executor: opts.executor,
      onProgress: (d, t) => progress.update(d, t),
    });
    progress.stop();
    const finished = await finishRun(plan, out, analyses);
    return { plan, out, summary, seconds: progress.elapsedSeconds(), ...finished };
  } catch (err) {
    throw inScenario(file, err);
  }
}

export const compareCommand: CommandModule<object, CompareArgs> = {
  command: 'compare <scenario>',
  describe: 'Compare the strategies of a scenario on the same windows: costs, paired differences, CIs',
  builder: (y) =>
    scenarioRunOptions(y).option('json', {
      type: 'boolean',
      default: false,
      describe: 'print strategies and comparisons as JSON',
    }),
  handler: async (args) => {
    const r = await runAndReport(args.scenario, args);
    if (args.json) {
      const { strategies, comparisons } = r.model.json;
      process.stdout.write(
        `${JSON.stringify({ scenario: r.plan.name, strategies, comparisons, files: r.files })}\n`,
      );
      return;
    }
    process.stdout.write(
      [
        `${r.plan.name}: ${r.plan.windows.length} windows × ${r.plan.variants.length} strategies × ${r.plan.seeds.length} seeds (${r.summary.ran} cells run in ${r.seconds.toFixed(1)} s)`,
        'Implementation shortfall, bps of |size|·decision price, positive = cost; Δ = paired mean difference (negative = cheaper).',
        '',
        comparisonTable(
          r.model,
          r.plan.variants.map((v) => v.label),
        ),
        '',
        ...r.files.map((p) => `wrote ${p}`),
        '',
      ].join('\n'),
    );
  },
};
