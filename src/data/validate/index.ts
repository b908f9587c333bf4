export { requireColumns, requireFieldCount } from './columns.ts';
export { type CheckerOptions, EventChecker, type EventRow, type RowOutput } from './event-checker.ts';
export { Findings, parseRepairs, REPAIR_RULES, type RepairRule } from './findings.ts';
export { doubleToUnits, formatUnits, type Grid, gridOf, parseUnits, unitsToDouble } from './grid.ts';
export {
  type DiffIds,
  describeBridgeGap,
  describeGap,
  diffBridgesSnapshot,
  diffFollows,
  diffPrecedesSnapshot,
  type SequenceRule,
} from './sequence.ts';
export { SortedLevels } from './sorted-levels.ts';
export { TimeOrder } from './time-order.ts';
export { type ValidateOptions, type ValidationResult, validateEventBatches } from './validate-batches.ts';
