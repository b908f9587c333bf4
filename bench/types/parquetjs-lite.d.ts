// The part of parquetjs-lite's API the decode bench uses (the package ships no types).
declare module 'parquetjs-lite' {
  interface ParquetCursor {
    next(): Promise<Record<string, unknown> | null>;
  }
  interface ParquetReaderInstance {
    getCursor(): ParquetCursor;
    close(): Promise<void>;
  }
  const parquet: {
    ParquetReader: { openFile(path: string): Promise<ParquetReaderInstance> };
  };
  export default parquet;
}
