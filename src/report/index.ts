export { renderMarkdown } from './markdown.ts';
export {
  buildReport,
  fillsFingerprint,
  markoutCurve,
  REPORT_SCHEMA_VERSION,
  type ReportModel,
  type ReportSettings,
} from './model.ts';
export { fillsTable, ordersTable, toCsv } from './tables.ts';
export { ALL_FORMATS, type ReportFormat, writeReports } from './write.ts';
