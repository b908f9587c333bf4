import { mkdirSync } from 'node:fs';
import { buildReport, type ReportFormat, type ReportModel, writeReports } from '../report/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';
import { analyzeCell, analyzeCells, tapeOf } from './analyze.ts';
import type { CellRecord } from './executor.ts';
import type { DatasetRef } from './load.ts';
import { datasetSha256 } from './market-source.ts';
import type { Plan } from './plan.ts';
import { resultsText, writeResults } from './runner.ts';
import { CellStore } from './store.ts';

/**
 * The scenario's report from its cell records: TCA of every cell, per-strategy aggregates, paired
 * comparisons to the baseline, written as the plan's formats into `dir`. A function of the plan and
 * the records only, so sharded, merged and resumed runs write the same report.json; `known` are
 * analyses of some cells made already (by the threads that ran them), the same as made here.
 */
export async function writeScenarioReport(
  plan: Plan,
  cells: CellRecord[],
  dir: string,
  known?: ReadonlyMap<number, OrderAnalysis>,
): Promise<{ model: ReportModel; files: string[] }> {
  return reportOf(plan, await analyzeCells(plan, cells, known), dir);
}

/** The report of a plan's cells from their analyses, in cell order, written into `dir`. */
async function reportOf(
  plan: Plan,
  analyses: OrderAnalysis[],
  dir: string,
): Promise<{ model: ReportModel; files: string[] }> {
  const inputs = [{ name: 'plan', sha256: plan.fingerprint }];
  for (const ds of plan.datasets)
    inputs.push({ name: datasetName(ds.ref), sha256: ds.sha256 ?? (await datasetSha256(ds.ref)) });
  const model = buildReport(analyses, {
    title: plan.name,
    baseline: plan.tca.baseline ?? plan.variants[0]?.label,
    markoutsSeconds: plan.tca.markoutsSeconds,
    bootstrapSamples: plan.tca.bootstrapSamples,
    seed: String(plan.seed),
    inputs,
  });
  mkdirSync(dir, { recursive: true });
  const first = plan.windows[0];
  const formats = plan.report.formats as ReportFormat[];
  const files = await writeReports(dir, model, {
    formats,
    tape: first && formats.includes('html') ? await tapeOf(plan, first.dataset) : undefined,
  });
  return { model, files };
}

function datasetName(ref: DatasetRef): string {
  return ref.kind === 'file' ? ref.path : `synthetic:${ref.events}:${String(ref.seed)}`;
}

/**
 * Ends a complete run in `dir`: results.json (every cell's record) and the report files. `known`:
 * analyses the run's threads made (RunOptions.analyses); the other cells are read and analysed
 * here one at a time, so no more than one record is in memory.
 */
export async function finishRun(
  plan: Plan,
  dir: string,
  known?: ReadonlyMap<number, OrderAnalysis>,
): Promise<{ results: string; files: string[]; model: ReportModel }> {
  const store = new CellStore(dir);
  const results = await writeResults(dir, resultsText(plan, store));
  const analyses: OrderAnalysis[] = [];
  for (let i = 0; i < plan.cellCount; i++)
    analyses.push(known?.get(i) ?? (await analyzeCell(plan, store.read(i))));
  const { model, files } = await reportOf(plan, analyses, dir);
  return { results, files, model };
}
