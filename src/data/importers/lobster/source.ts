import { InputError, type InputLocation } from '../../../core/index.ts';
import { type EventFileMeta, EventKind, SCHEMA_VERSION } from '../../schema.ts';
import {
  type EventRow,
  Findings,
  type Grid,
  gridOf,
  parseRepairs,
  requireColumns,
  requireFieldCount,
} from '../../validate/index.ts';
import { resolveInstrument } from '../instrument-defaults.ts';
import { readLines } from '../lines.ts';
import { hashInputs } from '../provenance.ts';
import type { EventGroup, EventSource, ImportOptions } from '../types.ts';
import { type LobsterFile, parseLobsterName, probeLobsterFile } from './files.ts';
import { secondsToMicros } from './seconds.ts';
import { type SideLevels, WindowedBook } from './window-diff.ts';
import { zonedMidnight } from './zoned-time.ts';

/** LOBSTER prices are dollars × 10000. */
const FILE_PRICE_DECIMALS = 4;
const EMPTY_ASK = 9_999_999_999;
const EMPTY_BID = -9_999_999_999;
const MESSAGE_HEADER = ['Time', 'Type', 'OrderId', 'Size', 'Price', 'Direction'] as const;

/**
 * LOBSTER message + orderbook files (any level count, with or without a header row, LF or CRLF):
 * a CLEAR + SNAPSHOT of the first orderbook row, then the DEPTH rows that turn each orderbook row
 * into the next (see WindowedBook), and TRADE rows for executions. Times are seconds after local
 * midnight of `--date` in America/New_York; ts_local = ts_exch (there is no receive time).
 */
export async function openLobster(inputs: readonly string[], options: ImportOptions): Promise<EventSource> {
  if (inputs.length !== 2) {
    throw new InputError(
      'bad-flag',
      'lobster import needs two files: the message file and the orderbook file',
    );
  }
  parseRepairs(options.repairs ?? []);
  const probed = [await probeLobsterFile(inputs[0]), await probeLobsterFile(inputs[1])];
  const message = probed.find((p) => p.role === 'message');
  const book = probed.find((p) => p.role === 'orderbook');
  if (!message || !book) {
    throw new InputError(
      'bad-flag',
      'lobster import needs one message file (6 columns) and one orderbook file (4 per level)',
      {
        file: inputs[0],
      },
    );
  }
  if (message.hasHeader) {
    requireColumns(message.header.map(canonical), MESSAGE_HEADER.map(canonical), message.file);
  }
  const name = parseLobsterName(message.file) ?? parseLobsterName(book.file);
  const date = options.date ?? name?.date;
  if (date === undefined) {
    throw new InputError('missing-date', 'the file names carry no date: pass --date YYYY-MM-DD', {
      file: message.file,
    });
  }
  const timezone = options.timezone ?? 'America/New_York';
  const midnight = zonedMidnight(date, timezone);
  const symbol = options.symbol ?? name?.ticker;
  if (symbol === undefined) {
    throw new InputError('missing-symbol', 'the file names carry no ticker: pass --symbol', {
      file: message.file,
    });
  }
  const instrument = resolveInstrument(
    { venue: 'nasdaq', symbol, tickSize: '0.01', lotSize: '1', quoteCurrency: 'USD', baseCurrency: symbol },
    { venue: 'nasdaq', symbol },
    options,
  );
  const grid = gridOf(instrument, FILE_PRICE_DECIMALS);
  const findings = new Findings();
  const levels = book.columns / 4;
  const meta: EventFileMeta = {
    schemaVersion: SCHEMA_VERSION,
    instrument: instrument.spec(),
    provenance: {
      source: `LOBSTER ${symbol} ${date}, level ${levels} (NASDAQ TotalView-ITCH reconstruction)`,
      inputs: await hashInputs([message.file, book.file]),
      importer: 'lobster',
      findings: {},
      notes:
        `Times: seconds after midnight of ${date} in ${timezone} (local midnight = ${midnight} µs UTC), digits below 1 µs dropped; ts_local = ts_exch. ` +
        `Depth rows are the changes between consecutive orderbook rows within the ${levels}-level window; levels that only left the window keep their last known size. ` +
        'Trades: message types 4 (visible) and 5 (hidden; may print between ticks), 6 (cross, side 0); aggressor side = -direction. Halts (7) are counted in findings.',
    },
  };
  const groups = lobsterGroups(message, book, { grid, findings, midnight, levels });
  return { instrument, grid, meta, findings, allowSubTickTrades: true, groups };
}

function canonical(name: string): string {
  return name.trim().toLowerCase();
}

interface Context {
  grid: Grid;
  findings: Findings;
  midnight: number;
  levels: number;
}

async function* lobsterGroups(
  message: LobsterFile,
  book: LobsterFile,
  ctx: Context,
): AsyncGenerator<EventGroup> {
  const { grid, findings } = ctx;
  const priceScale = 10 ** (grid.priceDecimals - FILE_PRICE_DECIMALS);
  const sizeScale = 10 ** grid.sizeDecimals;
  const window = new WindowedBook(ctx.levels);
  const books = readLines(book.file);
  let msgLine = 0;
  let bookLine = 0;
  let first = true;
  try {
    for await (const line of readLines(message.file)) {
      msgLine++;
      if (msgLine === 1 && message.hasHeader) continue;
      let obText: string | undefined;
      do {
        const next = await books.next();
        bookLine++;
        obText = next.done ? undefined : next.value;
      } while (bookLine === 1 && book.hasHeader);
      if (line === '' && obText === undefined) break; // trailing blank line
      const where: InputLocation = { file: message.file, row: msgLine };
      if (obText === undefined) {
        throw new InputError(
          'row-count-mismatch',
          'the orderbook file has fewer rows than the message file',
          where,
        );
      }
      const f = line.split(',');
      requireFieldCount(f, 6, message.file, msgLine);
      const ts = ctx.midnight + secondsToMicros(f[0].trim(), where);
      const type = int(f[1], 'type', where);
      const size = int(f[3], 'size', where);
      const price = int(f[4], 'price', where);
      const direction = int(f[5], 'direction', where);
      const rows: EventRow[] = [];
      if (type === 4 || type === 5 || type === 6) {
        if (type !== 6 && direction !== 1 && direction !== -1) {
          throw new InputError('bad-side', `direction ${direction} is not 1 or -1`, where);
        }
        rows.push({
          tsExch: ts,
          tsLocal: ts,
          kind: EventKind.TRADE,
          side: type === 6 ? 0 : -direction,
          price: price * priceScale,
          size: size * sizeScale,
        });
        if (type === 5) findings.count('hidden-execution');
        if (type === 6) findings.count('cross-trade');
      } else if (type === 7) {
        const what =
          price === -1 ? 'halt' : price === 0 ? 'quoting-resumed' : price === 1 ? 'trading-resumed' : '';
        if (what === '')
          throw new InputError(
            'bad-message',
            `halt message with price ${price} (expected -1, 0 or 1)`,
            where,
          );
        findings.count(what);
      } else if (type < 1 || type > 3) {
        throw new InputError('bad-message-type', `message type ${type} is not one of 1..7`, where);
      }
      const { bids, asks } = parseBookRow(obText, ctx.levels, priceScale, sizeScale, {
        file: book.file,
        row: bookLine,
      });
      if (first) window.snapshot(bids, asks, ts, rows);
      else window.update(bids, asks, ts, rows);
      first = false;
      yield { where, rows };
    }
    const extra = await books.next();
    if (!extra.done && extra.value.trim() !== '') {
      throw new InputError('row-count-mismatch', 'the orderbook file has more rows than the message file', {
        file: book.file,
        row: bookLine + 1,
      });
    }
  } finally {
    await books.return(undefined);
  }
}

function parseBookRow(
  text: string,
  levels: number,
  priceScale: number,
  sizeScale: number,
  where: InputLocation,
): { bids: SideLevels; asks: SideLevels } {
  const f = text.split(',');
  requireFieldCount(f, levels * 4, where.file!, where.row!);
  const asks: SideLevels = { prices: [], sizes: [] };
  const bids: SideLevels = { prices: [], sizes: [] };
  for (let k = 0; k < levels; k++) {
    addLevel(asks, int(f[4 * k], 'ask price', where), int(f[4 * k + 1], 'ask size', where), -1, where);
    addLevel(bids, int(f[4 * k + 2], 'bid price', where), int(f[4 * k + 3], 'bid size', where), 1, where);
  }
  scale(asks, priceScale, sizeScale);
  scale(bids, priceScale, sizeScale);
  return { bids, asks };
}

function addLevel(side: SideLevels, price: number, size: number, dir: 1 | -1, where: InputLocation): void {
  const empty = dir < 0 ? price >= EMPTY_ASK : price <= EMPTY_BID;
  if (empty) {
    if (size !== 0)
      throw new InputError('bad-orderbook', `empty-level marker ${price} with size ${size}`, where);
    side.prices.push(Number.NaN); // marks the end of the real levels
    return;
  }
  const n = side.prices.length;
  if (n > 0 && Number.isNaN(side.prices[n - 1])) {
    throw new InputError('bad-orderbook', `level ${price} after an empty level`, where);
  }
  if (price <= 0) throw new InputError('bad-price', `price ${price} is not positive`, where);
  if (size < 0) throw new InputError('negative-size', `size ${size} is negative`, where);
  if (size === 0) throw new InputError('bad-orderbook', `level ${price} has size 0`, where);
  if (n > 0 && price * dir >= side.prices[n - 1] * dir) {
    throw new InputError('bad-orderbook', `levels are not in best-first order at price ${price}`, where);
  }
  side.prices.push(price);
  side.sizes.push(size);
}

function scale(side: SideLevels, priceScale: number, sizeScale: number): void {
  let n = side.prices.length;
  while (n > 0 && Number.isNaN(side.prices[n - 1])) n--;
  side.prices.length = n;
  for (let i = 0; i < n; i++) {
    side.prices[i] *= priceScale;
    side.sizes[i] *= sizeScale;
  }
}

function int(text: string, what: string, where: InputLocation): number {
  const t = text.trim();
  if (!/^-?\d+$/.test(t)) {
    throw new InputError(
      /^-?\d*\.\d+$/.test(t) ? 'off-grid' : 'not-a-number',
      `${what} '${text}' is not an integer`,
      where,
    );
  }
  const n = Number(t);
  if (!Number.isSafeInteger(n)) throw new InputError('out-of-range', `${what} ${t} is too large`, where);
  return n;
}
