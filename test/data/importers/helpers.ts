import type { InputLocation } from '../../../src/core/index.ts';
import {
  checkedBatches,
  type EventSource,
  type ImporterName,
  type ImportOptions,
  openSource,
} from '../../../src/data/index.ts';

export const FIXTURES = new URL('../../fixtures/', import.meta.url).pathname;

/** All rows of an import as plain arrays, plus where each input record's rows end. */
export interface ImportedRows {
  source: EventSource;
  tsExch: number[];
  tsLocal: number[];
  kind: number[];
  side: number[];
  price: number[];
  size: number[];
  /** One entry per group (input record): its location and the row count after it. */
  marks: { where: InputLocation; end: number }[];
}

export async function importRows(
  importer: ImporterName,
  inputs: string[],
  options: ImportOptions = {},
): Promise<ImportedRows> {
  const source = await openSource(importer, inputs, options);
  const marks: ImportedRows['marks'] = [];
  let count = 0;
  const inner = source.groups;
  const tapped: EventSource = {
    ...source,
    groups: (async function* () {
      for await (const g of inner) {
        count += g.rows.length;
        marks.push({ where: g.where, end: count });
        yield g;
      }
    })(),
  };
  const out: ImportedRows = {
    source,
    tsExch: [],
    tsLocal: [],
    kind: [],
    side: [],
    price: [],
    size: [],
    marks,
  };
  for await (const b of checkedBatches(tapped, { repairs: options.repairs, batchRows: 4096 })) {
    for (let i = 0; i < b.length; i++) {
      out.tsExch.push(b.tsExch[i]);
      out.tsLocal.push(b.tsLocal[i]);
      out.kind.push(b.kind[i]);
      out.side.push(b.side[i]);
      out.price.push(b.price[i]);
      out.size.push(b.size[i]);
    }
  }
  return out;
}

/** Row counts by kind name. */
export function countKinds(rows: ImportedRows): Record<string, number> {
  const names = ['', 'DEPTH', 'TRADE', 'CLEAR', 'SNAPSHOT', 'BBO'];
  const out: Record<string, number> = {};
  for (const k of rows.kind) out[names[k]] = (out[names[k]] ?? 0) + 1;
  return out;
}

/** Expects `fn` to throw an InputError with this rule, file and row; returns its message. */
export async function inputErrorOf(fn: () => Promise<unknown>): Promise<{
  rule: string;
  file: string | undefined;
  row: number | undefined;
  message: string;
}> {
  try {
    await fn();
  } catch (err) {
    const e = err as { name?: string; rule: string; file?: string; row?: number; message: string };
    if (e.name !== 'InputError') throw err;
    return { rule: e.rule, file: e.file, row: e.row, message: e.message };
  }
  throw new Error('expected an InputError, but the call succeeded');
}
