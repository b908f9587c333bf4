import { existsSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CommandModule } from 'yargs';
import { InputError } from '../core/index.ts';
import { checkWorkers } from '../scenario/index.ts';
import { comparisonTable, runAndReport } from './compare.ts';

const SCENARIO = 'scenarios/demo.yaml';
const OUT = 'reports/demo';

interface DemoArgs {
  out: string;
  workers: number;
  quiet: boolean;
}

export const demoCommand: CommandModule<object, DemoArgs> = {
  command: 'demo',
  describe: 'Compare TWAP, VWAP, ADAPTIVE, AGGRESSIVE and PASSIVE on the bundled real data',
  builder: (y) =>
    y
      .option('out', { type: 'string', default: OUT, describe: 'report folder' })
      .option('workers', { type: 'number', default: 0, describe: 'worker threads (0 = this thread)' })
      .option('quiet', { type: 'boolean', default: false, describe: 'no progress bar' }),
  handler: async (args) => {
    checkWorkers(args.workers);
    // The scenario's datasets are paths from the working directory, as in every scenario.
    if (!existsSync(SCENARIO)) {
      throw new InputError(
        'no-scenario',
        'execsim demo runs in the execsim folder, which holds its scenario and the bundled datasets/',
        { file: SCENARIO },
      );
    }
    // A fresh run each time: drop the previous run's cells and plan (the reports are overwritten).
    rmSync(join(args.out, 'cells'), { recursive: true, force: true });
    rmSync(join(args.out, 'plan.json'), { force: true });
    const r = await runAndReport(SCENARIO, {
      out: args.out,
      workers: args.workers,
      resume: false,
      quiet: args.quiet,
    });
    const html = r.files.find((f) => f.endsWith('.html'));
    process.stdout.write(
      [
        `execsim demo: ${SCENARIO} — ${r.plan.datasets.length} bundled datasets, ${r.plan.windows.length} windows, ${r.plan.variants.length} strategies (${r.summary.ran} simulations in ${r.seconds.toFixed(1)} s)`,
        'Implementation shortfall, bps of |size|·decision price, positive = cost; Δ = paired mean difference to TWAP (negative = cheaper).',
        '',
        comparisonTable(
          r.model,
          r.plan.variants.map((v) => v.label),
        ),
        '',
        `HTML report (opens offline): ${html ? resolve(html) : '(not written)'}`,
        '',
      ].join('\n'),
    );
  },
};
