export {
  type GroupStats,
  groupBy,
  groupStats,
  mean,
  type PairedComparison,
  pairedComparison,
  quantile,
} from './aggregate.ts';
export { readFillsCsv, readOrdersCsv } from './csv-input.ts';
export { foldMarkoutSums, type MarkoutSum, markoutCurveOf } from './markout-curve.ts';
export {
  type AnalysisSettings,
  type Attribution,
  analyzeOrder,
  type FillAnalysis,
  type OrderAnalysis,
  type Shortfall,
} from './order-analysis.ts';
export { MarketTape } from './tape.ts';
export type { TcaFill, TcaOrder } from './types.ts';
