export { checkedBatches, DEFAULT_BATCH_ROWS } from './batches.ts';
export { type ImportSummary, importToFile } from './import-file.ts';
export { IMPORTERS, type ImporterName, openSource } from './open-source.ts';
export type { EventGroup, EventSource, ImportOptions, InstrumentOverrides } from './types.ts';
