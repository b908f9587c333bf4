export { tempPath, writeFileAtomic, writeFileAtomicSync } from './atomic-write.ts';
export * from './cache/index.ts';
export * from './importers/index.ts';
export * from './parquet/index.ts';
export {
  allocBatch,
  batchWithLength,
  EVENT_COLUMNS,
  EVENT_KIND_NAMES,
  type EventBatch,
  type EventFileMeta,
  EventKind,
  makeBatch,
  type Provenance,
  SCHEMA_VERSION,
  Side,
} from './schema.ts';
export * from './synthetic/index.ts';
export * from './validate/index.ts';
