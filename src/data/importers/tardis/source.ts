import { InputError, type InputLocation } from '../../../core/index.ts';
import { type EventFileMeta, EventKind, SCHEMA_VERSION } from '../../schema.ts';
import {
  type EventRow,
  Findings,
  type Grid,
  gridOf,
  parseRepairs,
  parseUnits,
  requireFieldCount,
} from '../../validate/index.ts';
import { resolveInstrument } from '../instrument-defaults.ts';
import { readLines } from '../lines.ts';
import { hashInputs } from '../provenance.ts';
import type { EventGroup, EventSource, ImportOptions } from '../types.ts';
import { type TardisLayout, tardisLayout } from './formats.ts';
import { tardisInstrument } from './instruments.ts';

/**
 * Tardis.dev CSV (plain or .gz): `incremental_book_L2`, `trades`, `book_snapshot_N`, `quotes`.
 * Several files of one instrument (e.g. a day's book and trades) are merged by local_timestamp;
 * on equal times the file given first goes first. Times are µs already.
 */
export async function openTardis(inputs: readonly string[], options: ImportOptions): Promise<EventSource> {
  if (inputs.length === 0) throw new InputError('bad-flag', 'tardis import needs at least one CSV file');
  parseRepairs(options.repairs ?? []);
  const layouts: TardisLayout[] = [];
  let exchange: string | undefined;
  let symbol: string | undefined;
  for (const file of inputs) {
    const [header, first] = await head(file, 2);
    if (header === undefined) throw new InputError('empty-input', 'the file is empty', { file, row: 1 });
    const layout = tardisLayout(file, header);
    layouts.push(layout);
    if (first !== undefined && exchange === undefined) {
      const f = first.split(',');
      exchange = f[layout.at.exchange];
      symbol = f[layout.at.symbol];
    }
  }
  if (exchange === undefined || symbol === undefined) {
    throw new InputError('empty-input', 'no data rows', { file: inputs[0], row: 2 });
  }
  const instrument = resolveInstrument(
    tardisInstrument(exchange, symbol),
    { venue: exchange, symbol },
    options,
  );
  const grid = gridOf(instrument);
  const findings = new Findings();
  const formats = [
    ...new Set(layouts.map((l) => (l.format === 'book_snapshot' ? `book_snapshot_${l.depth}` : l.format))),
  ];
  const meta: EventFileMeta = {
    schemaVersion: SCHEMA_VERSION,
    instrument: instrument.spec(),
    provenance: {
      source: `Tardis.dev CSV (${formats.join(', ')}) of ${exchange} ${symbol}`,
      inputs: await hashInputs(inputs),
      importer: 'tardis',
      findings: {},
      notes:
        'ts_exch = timestamp, ts_local = local_timestamp (µs). Files are merged by local_timestamp, ties in input order. ' +
        'An is_snapshot block starts with CLEAR (both sides); each book_snapshot_N row is CLEAR + SNAPSHOT rows; quotes become BBO rows.',
    },
  };
  const ctx = { grid, findings, exchange, symbol };
  const streams = inputs.map((file, i) => fileGroups(file, layouts[i], ctx));
  return { instrument, grid, meta, findings, allowSubTickTrades: false, groups: mergeByLocalTime(streams) };
}

async function head(file: string, n: number): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = [];
  for await (const line of readLines(file)) {
    out.push(line);
    if (out.length === n) break;
  }
  while (out.length < n) out.push(undefined);
  return out;
}

interface Context {
  grid: Grid;
  findings: Findings;
  exchange: string;
  symbol: string;
}

interface TimedGroup extends EventGroup {
  tsLocal: number;
}

/** k-way merge of per-file group streams by local time; ties go to the earlier input. */
async function* mergeByLocalTime(streams: AsyncGenerator<TimedGroup>[]): AsyncGenerator<EventGroup> {
  if (streams.length === 1) {
    yield* streams[0];
    return;
  }
  try {
    const heads: (TimedGroup | undefined)[] = [];
    for (const s of streams) heads.push((await s.next()).value ?? undefined);
    for (;;) {
      let pick = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h !== undefined && (pick < 0 || h.tsLocal < heads[pick]!.tsLocal)) pick = i;
      }
      if (pick < 0) return;
      yield heads[pick]!;
      heads[pick] = (await streams[pick].next()).value ?? undefined;
    }
  } finally {
    // Close every reader, also when a row of one file was bad.
    for (const s of streams) await s.return(undefined);
  }
}

async function* fileGroups(file: string, layout: TardisLayout, ctx: Context): AsyncGenerator<TimedGroup> {
  const parse = new RowParser(ctx, layout);
  let lineNo = 0;
  let block: TimedGroup | undefined; // open incremental_book_L2 group (an update or a snapshot block)
  let blockKey = '';
  for await (const line of readLines(file)) {
    lineNo++;
    if (lineNo === 1) continue;
    if (line === '') {
      ctx.findings.count('empty-line');
      continue;
    }
    const where: InputLocation = { file, row: lineNo };
    const f = line.split(',');
    requireFieldCount(f, layout.columns, file, lineNo);
    parse.checkInstrument(f, where);
    const tsExch = parse.time(f, 'timestamp', where);
    const tsLocal = parse.time(f, 'local_timestamp', where);
    if (layout.format === 'incremental_book_L2') {
      const snapshot = parse.flag(f[layout.at.is_snapshot], where);
      // One group per snapshot block, else per (timestamp, local_timestamp) update.
      const key = snapshot ? 'snapshot' : `${tsExch}/${tsLocal}`;
      if (block === undefined || key !== blockKey) {
        if (block !== undefined) yield block;
        block = { where, tsLocal, rows: [] };
        blockKey = key;
        if (snapshot) block.rows.push(row(tsExch, tsLocal, EventKind.CLEAR, 0, 0, 0));
      }
      const side = parse.bookSide(f[layout.at.side], where);
      block.rows.push(
        row(
          tsExch,
          tsLocal,
          snapshot ? EventKind.SNAPSHOT : EventKind.DEPTH,
          side,
          parse.price(f[layout.at.price], where),
          parse.size(f[layout.at.amount], where),
        ),
      );
      continue;
    }
    const rows: EventRow[] = [];
    if (layout.format === 'trades') {
      rows.push(
        row(
          tsExch,
          tsLocal,
          EventKind.TRADE,
          parse.aggressor(f[layout.at.side], where),
          parse.price(f[layout.at.price], where),
          parse.size(f[layout.at.amount], where),
        ),
      );
    } else if (layout.format === 'quotes') {
      parse.quoteSide(rows, tsExch, tsLocal, 1, f[layout.at.bid_price], f[layout.at.bid_amount], where);
      parse.quoteSide(rows, tsExch, tsLocal, -1, f[layout.at.ask_price], f[layout.at.ask_amount], where);
    } else {
      rows.push(row(tsExch, tsLocal, EventKind.CLEAR, 0, 0, 0));
      for (const at of layout.levelAt)
        parse.snapshotLevel(rows, tsExch, tsLocal, -1, f[at.askPrice], f[at.askAmount], where);
      for (const at of layout.levelAt)
        parse.snapshotLevel(rows, tsExch, tsLocal, 1, f[at.bidPrice], f[at.bidAmount], where);
    }
    yield { where, tsLocal, rows };
  }
  if (block !== undefined) yield block;
}

function row(
  tsExch: number,
  tsLocal: number,
  kind: number,
  side: number,
  price: number,
  size: number,
): EventRow {
  return { tsExch, tsLocal, kind, side, price, size };
}

class RowParser {
  constructor(
    private readonly ctx: Context,
    private readonly layout: TardisLayout,
  ) {}

  checkInstrument(f: string[], where: InputLocation): void {
    const ex = f[this.layout.at.exchange];
    const sym = f[this.layout.at.symbol];
    if (ex !== this.ctx.exchange || sym !== this.ctx.symbol) {
      throw new InputError(
        'mixed-symbols',
        `${ex} ${sym} in an import of ${this.ctx.exchange} ${this.ctx.symbol}`,
        where,
      );
    }
  }

  time(f: string[], column: string, where: InputLocation): number {
    const t = f[this.layout.at[column]].trim();
    const n = Number(t);
    if (!/^\d+$/.test(t) || !Number.isSafeInteger(n)) {
      throw new InputError('bad-time', `${column} '${t}' is not an integer count of µs`, where);
    }
    return n;
  }

  flag(text: string, where: InputLocation): boolean {
    if (text === 'true') return true;
    if (text === 'false') return false;
    throw new InputError('bad-message', `is_snapshot '${text}' is not true or false`, where);
  }

  bookSide(text: string, where: InputLocation): 1 | -1 {
    if (text === 'bid') return 1;
    if (text === 'ask') return -1;
    throw new InputError('bad-side', `side '${text}' is not bid or ask`, where);
  }

  aggressor(text: string, where: InputLocation): number {
    if (text === 'buy') return 1;
    if (text === 'sell') return -1;
    if (text === 'unknown' || text === '') {
      this.ctx.findings.count('trade-side-unknown');
      return 0;
    }
    throw new InputError('bad-side', `side '${text}' is not buy, sell or unknown`, where);
  }

  quoteSide(
    rows: EventRow[],
    tsExch: number,
    tsLocal: number,
    side: 1 | -1,
    price: string,
    amount: string,
    where: InputLocation,
  ): void {
    if (price === '' || amount === '') {
      this.ctx.findings.count('quote-side-empty');
      return;
    }
    rows.push(row(tsExch, tsLocal, EventKind.BBO, side, this.price(price, where), this.size(amount, where)));
  }

  snapshotLevel(
    rows: EventRow[],
    tsExch: number,
    tsLocal: number,
    side: 1 | -1,
    price: string,
    amount: string,
    where: InputLocation,
  ): void {
    if (price === '' && amount === '') return; // fewer than N levels on this side
    const size = this.size(amount, where);
    if (size === 0) return;
    rows.push(row(tsExch, tsLocal, EventKind.SNAPSHOT, side, this.price(price, where), size));
  }

  price(text: string, where: InputLocation): number {
    return parseUnits(text, this.ctx.grid.priceDecimals, 'price', where);
  }

  size(text: string, where: InputLocation): number {
    return parseUnits(text, this.ctx.grid.sizeDecimals, 'size', where);
  }
}
