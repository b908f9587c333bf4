import { join } from 'node:path';
import { canonicalJson } from '../core/index.ts';
import { writeFileAtomic } from '../data/index.ts';
import type { MarketTape } from '../tca/index.ts';
import { renderMarkdown } from './markdown.ts';
import type { ReportModel } from './model.ts';
import { FILL_TYPES, fillsTable, ORDER_TYPES, ordersTable, toCsv, writeParquetTable } from './tables.ts';

export type ReportFormat = 'json' | 'md' | 'html' | 'parquet' | 'csv';
export const ALL_FORMATS: ReportFormat[] = ['json', 'md', 'html', 'parquet', 'csv'];

/** Writes the chosen formats into `dir`, each file atomically; returns the paths written. */
export async function writeReports(
  dir: string,
  model: ReportModel,
  opts: { formats?: ReportFormat[]; tape?: MarketTape } = {},
): Promise<string[]> {
  const formats = new Set(opts.formats ?? ALL_FORMATS);
  const written: string[] = [];
  const put = async (name: string, data: string) => {
    const path = join(dir, name);
    await writeFileAtomic(path, data);
    written.push(path);
  };
  if (formats.has('json')) await put('report.json', canonicalJson(model.json));
  if (formats.has('md')) await put('report.md', renderMarkdown(model));
  if (formats.has('html')) {
    // Loaded only for HTML: Plot, d3 and linkedom are a good part of a command's start.
    const { renderHtml } = await import('./html.ts');
    await put('report.html', renderHtml(model, opts.tape));
  }
  const fills = fillsTable(model.analyses);
  const orders = ordersTable(model.analyses);
  if (formats.has('csv')) {
    await put('fills.csv', toCsv(fills));
    await put('orders.csv', toCsv(orders));
  }
  if (formats.has('parquet')) {
    await writeParquetTable(join(dir, 'fills.parquet'), fills, FILL_TYPES);
    await writeParquetTable(join(dir, 'orders.parquet'), orders, ORDER_TYPES);
    written.push(join(dir, 'fills.parquet'), join(dir, 'orders.parquet'));
  }
  return written;
}
