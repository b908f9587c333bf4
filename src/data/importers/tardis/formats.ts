import { basename } from 'node:path';
import { InputError } from '../../../core/index.ts';
import { requireColumns } from '../../validate/index.ts';

export type TardisFormat = 'incremental_book_L2' | 'trades' | 'book_snapshot' | 'quotes';

const COMMON = ['exchange', 'symbol', 'timestamp', 'local_timestamp'] as const;

export const FORMAT_COLUMNS = {
  incremental_book_L2: [...COMMON, 'is_snapshot', 'side', 'price', 'amount'],
  trades: [...COMMON, 'side', 'price', 'amount'],
  quotes: [...COMMON, 'ask_amount', 'ask_price', 'bid_price', 'bid_amount'],
} as const;

export interface TardisLayout {
  format: TardisFormat;
  /** Column index by name. */
  at: Record<string, number>;
  /** book_snapshot_N: N, and the index of asks[i].price, asks[i].amount, bids[i].price, bids[i].amount. */
  depth: number;
  levelAt: { askPrice: number; askAmount: number; bidPrice: number; bidAmount: number }[];
  columns: number;
}

/** The data type a Tardis file name announces (`<exchange>_<type>_…`), if any. */
function formatFromName(file: string): TardisFormat | undefined {
  const name = basename(file);
  if (/incremental_book_L2/.test(name)) return 'incremental_book_L2';
  if (/book_snapshot_\d+/.test(name)) return 'book_snapshot';
  if (/(^|_)quotes(_|\.|$)/.test(name)) return 'quotes';
  if (/(^|_)trades(_|\.|$)/.test(name)) return 'trades';
  return undefined;
}

function formatFromHeader(header: readonly string[]): TardisFormat | undefined {
  if (header.includes('is_snapshot')) return 'incremental_book_L2';
  if (header.includes('asks[0].price')) return 'book_snapshot';
  if (header.includes('ask_price') || header.includes('bid_price')) return 'quotes';
  if (header.includes('id') && header.includes('side')) return 'trades';
  return undefined;
}

/** Which Tardis CSV this is (by name, else by header) and where its columns are. */
export function tardisLayout(file: string, headerLine: string): TardisLayout {
  const header = headerLine.split(',').map((h) => h.trim());
  const format = formatFromName(file) ?? formatFromHeader(header);
  if (format === undefined) {
    throw new InputError(
      'missing-column',
      'header matches none of incremental_book_L2, trades, book_snapshot_N, quotes',
      { file, row: 1 },
    );
  }
  if (format !== 'book_snapshot') {
    const at = requireColumns(header, FORMAT_COLUMNS[format], file);
    return { format, at, depth: 0, levelAt: [], columns: header.length };
  }
  const at = requireColumns(header, COMMON, file);
  let depth = 0;
  while (header.includes(`asks[${depth}].price`) || header.includes(`bids[${depth}].price`)) depth++;
  const names: string[] = [];
  for (let i = 0; i < depth; i++) {
    names.push(`asks[${i}].price`, `asks[${i}].amount`, `bids[${i}].price`, `bids[${i}].amount`);
  }
  if (depth === 0) names.push('asks[0].price');
  const levelCols = requireColumns(header, names, file);
  const levelAt = Array.from({ length: depth }, (_, i) => ({
    askPrice: levelCols[`asks[${i}].price`],
    askAmount: levelCols[`asks[${i}].amount`],
    bidPrice: levelCols[`bids[${i}].price`],
    bidAmount: levelCols[`bids[${i}].amount`],
  }));
  return { format, at, depth, levelAt, columns: header.length };
}
