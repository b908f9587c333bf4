import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { writeFileAtomic } from '../data/index.ts';
import { type CheckOutcome, checkScenario, junitXml } from '../scenario/index.ts';
import { printSummary } from './progress.ts';

interface CheckArgs {
  scenarios?: string[];
  update: boolean;
  junit?: string;
  golden: string;
  executor?: string;
  json: boolean;
}

const REGRESSION_DIR = 'scenarios/regression';

export const checkCommand: CommandModule<object, CheckArgs> = {
  command: 'check [scenarios..]',
  describe: 'Re-run regression scenarios and compare them with their golden results',
  builder: (y) =>
    y
      .positional('scenarios', {
        type: 'string',
        array: true,
        describe: `scenario files (default ${REGRESSION_DIR}/*)`,
      })
      .option('update', {
        type: 'boolean',
        default: false,
        describe: 'rewrite the golden files from this run',
      })
      .option('junit', { type: 'string', describe: 'write JUnit XML here' })
      .option('golden', { type: 'string', default: 'reports/golden', describe: 'folder of golden files' })
      .option('executor', { type: 'string', hidden: true, describe: 'module exporting executeCell' })
      .option('json', { type: 'boolean', default: false, describe: 'print the outcome as JSON' }),
  handler: async (args) => {
    const files =
      args.scenarios && args.scenarios.length > 0
        ? args.scenarios
        : readdirSync(REGRESSION_DIR)
            .filter((n) => /\.(ya?ml|json)$/.test(n))
            .sort()
            .map((n) => join(REGRESSION_DIR, n));
    const outcomes: CheckOutcome[] = [];
    for (const f of files) {
      outcomes.push(
        await checkScenario(f, { goldenDir: args.golden, update: args.update, executor: args.executor }),
      );
    }
    if (args.junit) {
      await writeFileAtomic(
        args.junit,
        junitXml(
          'execsim check',
          outcomes.map((o) => ({ name: o.scenario, failure: failed(o) ? o.message : undefined })),
        ),
      );
    }
    const bad = outcomes.filter(failed);
    printSummary(
      args.json,
      {
        outcomes: outcomes.map(({ scenario, file, golden, status, diffs }) => ({
          scenario,
          file,
          golden,
          status,
          diffs,
        })),
      },
      [
        ...outcomes.map(
          (o) =>
            `${o.status.toUpperCase().padEnd(9)} ${o.scenario} (${o.file})${o.message ? `\n${o.message}` : ''}`,
        ),
        `${outcomes.length - bad.length}/${outcomes.length} scenarios match their goldens`,
      ],
    );
    if (bad.length > 0) process.exitCode = 1;
  },
};

function failed(o: CheckOutcome): boolean {
  return o.status === 'fail' || o.status === 'no-golden';
}
