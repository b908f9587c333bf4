import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { CommandModule } from 'yargs';
import { inspectEventFile } from '../data/index.ts';
import { formatSummary } from './data-inspect.ts';

const DATASETS = 'datasets';

export const demoCommand: CommandModule<object, object> = {
  command: 'demo',
  describe: 'Run the demo on the bundled real data',
  handler: async () => {
    const files = await parquetFiles(DATASETS);
    if (files.length === 0) {
      process.stdout.write(
        `execsim demo: no Parquet files under ${DATASETS}/ (run execsim data import first)\n`,
      );
      return;
    }
    process.stdout.write(`execsim demo: ${files.length} bundled market-event files\n\n`);
    for (const file of files) process.stdout.write(`${formatSummary(await inspectEventFile(file))}\n`);
  },
};

/** Every .parquet file below `dir`, sorted, so the demo prints in a stable order. */
async function parquetFiles(dir: string): Promise<string[]> {
  let entries: { name: string; isDirectory(): boolean; parentPath: string }[];
  try {
    entries = await readdir(dir, { recursive: true, withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => !e.isDirectory() && e.name.endsWith('.parquet'))
    .map((e) => relative('.', join(e.parentPath, e.name)))
    .sort();
}
