import { basename } from 'node:path';
import { InputError } from '../../../core/index.ts';
import { readLines } from '../lines.ts';

/** A LOBSTER input as found on disk: which file it is and how its first line looks. */
export interface LobsterFile {
  file: string;
  role: 'message' | 'orderbook';
  columns: number;
  hasHeader: boolean;
  header: string[];
}

/** `TICKER_YYYY-MM-DD_startMs_endMs_{message|orderbook}_LEVEL.csv` */
const NAME_RE = /^(.+?)_(\d{4}-\d{2}-\d{2})_(\d+)_(\d+)_(message|orderbook)_(\d+)\.csv(\.gz)?$/i;

export interface LobsterName {
  ticker: string;
  date: string;
  level: number;
}

export function parseLobsterName(file: string): LobsterName | undefined {
  const m = NAME_RE.exec(basename(file));
  return m ? { ticker: m[1], date: m[2], level: Number(m[6]) } : undefined;
}

/** Reads the first line: 6 columns is a message file, 4·N an orderbook file of N levels. */
export async function probeLobsterFile(file: string): Promise<LobsterFile> {
  let first: string | undefined;
  for await (const line of readLines(file)) {
    first = line;
    break;
  }
  if (first === undefined || first.trim() === '') {
    throw new InputError('empty-input', 'the file has no rows', { file, row: 1 });
  }
  const header = first.split(',').map((f) => f.trim());
  const hasHeader = !/^-?\d/.test(header[0]);
  const columns = header.length;
  let role: LobsterFile['role'];
  if (columns === 6) role = 'message';
  else if (columns % 4 === 0) role = 'orderbook';
  else {
    throw new InputError(
      'missing-column',
      `${columns} columns: neither a message file (6) nor an orderbook file (4 per level)`,
      { file, row: 1 },
    );
  }
  return { file, role, columns, hasHeader, header };
}
