export { META_KEYS, readEventMeta } from './meta.ts';
export { type ReadOptions, readParquetEvents } from './read.ts';
export { writeEventFile } from './write.ts';
