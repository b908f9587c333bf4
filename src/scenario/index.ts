export { analyzeCell, analyzeCells } from './analyze.ts';
export { canonicalJson } from './canonical.ts';
export { type CheckOptions, type CheckOutcome, checkScenario, goldenPath } from './check.ts';
export { inScenario } from './error-context.ts';
export { type CellRecord, DEFAULT_EXECUTOR, type ExecuteCell, type Json, loadExecutor } from './executor.ts';
export { expandGlob } from './glob.ts';
export { diffGolden, formatDiff, type GoldenDiff } from './golden.ts';
export { type JUnitCase, junitXml } from './junit.ts';
export { type DatasetRef, loadScenario, parseScenario, type Scenario } from './load.ts';
export {
  type DatasetScan,
  datasetInstrument,
  openEvents,
  scanDataset,
  volumeBetween,
} from './market-source.ts';
export { mergeOutputs } from './merge.ts';
export {
  type Cell,
  cellAt,
  expandVariants,
  type Plan,
  type PlanWindow,
  planScenario,
  type Variant,
} from './plan.ts';
export { PoolThreads } from './pool.ts';
export { finishRun, writeScenarioReport } from './report.ts';
export {
  cellKeys,
  checkWorkers,
  collectResults,
  missingCells,
  type RunOptions,
  type RunSummary,
  resultsText,
  runCells,
  type ScenarioResults,
  writeResults,
} from './runner.ts';
export {
  REPORT_FORMATS,
  type ScenarioInput,
  type ScenarioSpec,
  STRATEGY_NAMES,
  scenarioSchema,
} from './schema.ts';
export { deriveSeed } from './seed.ts';
export { parseShard, type Shard, shardCells } from './shard.ts';
export { CellStore, readPlan } from './store.ts';
