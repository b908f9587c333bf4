export { type EventFileSummary, inspectEventFile, type ScanFinding } from './inspect.ts';
export { META_KEYS, readEventMeta } from './meta.ts';
export { type ReadOptions, readParquetEvents } from './read.ts';
export { type ReadEventsOptions, readEvents } from './read-events.ts';
export { verifyEventFile } from './verify.ts';
export { writeEventFile } from './write.ts';
