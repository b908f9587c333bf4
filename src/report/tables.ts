import { rename, rm, writeFile } from 'node:fs/promises';
import { tempPath } from '../data/index.ts';
import type { OrderAnalysis } from '../tca/index.ts';

type Cell = string | number | null;

export interface Table {
  columns: string[];
  rows: Cell[][];
}

/** One row per fill. */
export function fillsTable(analyses: OrderAnalysis[]): Table {
  const rows: Cell[][] = [];
  for (const a of analyses) {
    for (const f of a.fills) {
      rows.push([
        a.order.id,
        a.order.strategy ?? null,
        a.order.window ?? null,
        f.ts,
        f.price.toString(),
        f.size.toString(),
        f.liquidity ?? null,
        f.mid?.toString() ?? null,
      ]);
    }
  }
  return { columns: ['order_id', 'strategy', 'window', 'ts', 'price', 'size', 'liquidity', 'mid'], rows };
}

/** One row per parent order with its shortfall. */
export function ordersTable(analyses: OrderAnalysis[]): Table {
  return {
    columns: [
      'order_id',
      'strategy',
      'window',
      'side',
      'size',
      'filled',
      'avg_price',
      'decision_price',
      'arrival_price',
      'end_price',
      'delay',
      'trading',
      'opportunity',
      'fees',
      'total',
      'total_bps',
    ],
    rows: analyses.map((a) => [
      a.order.id,
      a.order.strategy ?? null,
      a.order.window ?? null,
      a.order.side > 0 ? 'BUY' : 'SELL',
      a.order.size.toString(),
      a.filled.toString(),
      a.avgPrice?.toString() ?? null,
      a.decisionPrice.toString(),
      a.arrivalPrice.toString(),
      a.endPrice?.toString() ?? null,
      a.shortfall.delay.toString(),
      a.shortfall.trading.toString(),
      a.shortfall.opportunity.toString(),
      a.shortfall.fees.toString(),
      a.shortfall.total.toString(),
      a.shortfall.totalBps.toFixed(4),
    ]),
  };
}

const csvCell = (c: Cell) =>
  c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replaceAll('"', '""')}"` : String(c);

export function toCsv(t: Table): string {
  return `${[t.columns.join(','), ...t.rows.map((r) => r.map(csvCell).join(','))].join('\n')}\n`;
}

/**
 * Writes a table as Parquet through DuckDB (atomic: temp file, then rename). Prices and sizes are
 * DOUBLE there, which DuckDB, pandas and polars read directly; the CSV form keeps the exact text.
 */
export async function writeParquetTable(
  path: string,
  t: Table,
  types: Record<string, string>,
): Promise<void> {
  const csvTmp = tempPath(path, 'csv');
  const pqTmp = tempPath(path);
  await writeFile(csvTmp, toCsv(t));
  // Loaded here, not with the module: most reports write no Parquet, and node-api's JavaScript
  // costs a command's start about a third of a second.
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const inst = await DuckDBInstance.create(':memory:', { threads: '1' });
  const conn = await inst.connect();
  try {
    const cols = t.columns.map((c) => `'${c}': '${types[c] ?? 'VARCHAR'}'`).join(', ');
    const q = (s: string) => `'${s.replaceAll("'", "''")}'`;
    await conn.run(
      `COPY (SELECT * FROM read_csv(${q(csvTmp)}, header = true, columns = {${cols}})) TO ${q(pqTmp)} (FORMAT parquet, COMPRESSION zstd)`,
    );
    await rename(pqTmp, path);
  } finally {
    conn.closeSync();
    inst.closeSync();
    await rm(csvTmp, { force: true });
    await rm(pqTmp, { force: true });
  }
}

export const FILL_TYPES: Record<string, string> = {
  ts: 'BIGINT',
  price: 'DOUBLE',
  size: 'DOUBLE',
  mid: 'DOUBLE',
};
/** Every numeric column of the orders table (all but the first four) is a DOUBLE in Parquet. */
export const ORDER_TYPES: Record<string, string> = Object.fromEntries(
  ordersTable([])
    .columns.slice(4)
    .map((c) => [c, 'DOUBLE']),
);
