import { Decimal } from 'decimal.js';
import {
  InputError,
  type InputLocation,
  type Instrument,
  type OrderEvent,
  type OrderSide,
  type OrderType,
  type TimeInForce,
} from '../core/index.ts';
import { EventKind } from '../data/index.ts';

/**
 * Pure parsers and formatters of `execsim sim`'s files (docs/venue.md): EVENTS.csv rows, ORDERS.csv
 * rows and the JSONL order events. I/O stays in the CLI.
 */

export const EVENTS_HEADER = 'ts_exch,ts_local,kind,side,price,size';
export const ORDERS_HEADER = 'ts,action,id,side,type,tif,price,size';

const KINDS: Record<string, number> = {
  DEPTH: EventKind.DEPTH,
  TRADE: EventKind.TRADE,
  CLEAR: EventKind.CLEAR,
  SNAPSHOT: EventKind.SNAPSHOT,
  BBO: EventKind.BBO,
};

/** BUY/BID/+1 → 1, SELL/ASK/-1 → −1, empty/0 → 0; anything else is undefined. */
export function parseSide(text: string): number | undefined {
  const s = text.trim().toUpperCase();
  if (s === 'BUY' || s === 'BID' || s === '+1' || s === '1') return 1;
  if (s === 'SELL' || s === 'ASK' || s === '-1') return -1;
  if (s === '' || s === '0') return 0;
  return undefined;
}

function micros(text: string, what: string, where: InputLocation): number {
  const t = text.trim();
  if (!/^-?\d+$/.test(t) || !Number.isSafeInteger(Number(t))) {
    throw new InputError('bad-time', `${what} '${text}' is not a whole number of µs`, where);
  }
  return Number(t);
}

export function checkHeader(line: string, expected: string, file: string): void {
  const got = line.replace(/^\uFEFF/, '').trim();
  if (got !== expected) {
    throw new InputError('bad-header', `expected header '${expected}', got '${got}'`, { file, row: 0 });
  }
}

/** One parsed EVENTS.csv row: price in quote units and size in base units, as the batches hold them. */
export interface EventRow {
  tsExch: number;
  tsLocal: number;
  kind: number;
  side: number;
  price: number;
  size: number;
}

/**
 * Parses one EVENTS.csv data row. Depth-like rows must be on the tick and lot grid; a trade may
 * print off the grid. Sizes may not be negative; ts_local may not precede ts_exch.
 */
export function parseEventRow(line: string, inst: Instrument, where: InputLocation): EventRow {
  const f = line.split(',');
  if (f.length !== 6) throw new InputError('bad-row', `expected 6 fields, got ${f.length}`, where);
  const tsExch = micros(f[0], 'ts_exch', where);
  const tsLocal = micros(f[1], 'ts_local', where);
  if (tsLocal < tsExch) {
    throw new InputError(
      'local-before-exchange',
      `ts_local ${tsLocal} is earlier than ts_exch ${tsExch}`,
      where,
    );
  }
  const kind = KINDS[f[2].trim().toUpperCase()];
  if (kind === undefined) {
    throw new InputError(
      'unknown-kind',
      `kind '${f[2]}' is not one of DEPTH, TRADE, CLEAR, SNAPSHOT, BBO`,
      where,
    );
  }
  const side = parseSide(f[3]);
  if (side === undefined)
    throw new InputError('bad-side', `side '${f[3]}' is not BUY/BID/+1 or SELL/ASK/-1`, where);
  if (side === 0 && kind !== EventKind.TRADE && kind !== EventKind.CLEAR) {
    throw new InputError('bad-side', `a ${f[2].trim()} row needs a side`, where);
  }
  if (kind === EventKind.CLEAR) return { tsExch, tsLocal, kind, side, price: 0, size: 0 };
  const lots = inst.sizeToLots(f[5], 'reject', where);
  const size = inst.lotsToDecimal(lots).toNumber();
  let price: number;
  if (kind === EventKind.TRADE) {
    const p = new Decimal(parsePrice(f[4], where));
    if (p.lte(0)) throw new InputError('bad-price', `price ${f[4]} is not positive`, where);
    price = p.toNumber();
  } else {
    const ticks = inst.priceToTicks(f[4], 'reject', where);
    if (ticks <= 0) throw new InputError('bad-price', `price ${f[4]} is not positive`, where);
    price = inst.ticksToDecimal(ticks).toNumber();
  }
  return { tsExch, tsLocal, kind, side, price, size };
}

function parsePrice(text: string, where: InputLocation): string {
  const t = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) {
    throw new InputError('not-a-number', `price '${text}' is not a decimal number`, where);
  }
  return t;
}

/** One strategy action of ORDERS.csv, in ticks and lots. */
export type OrderAction =
  | {
      ts: number;
      action: 'submit';
      id: string;
      side: OrderSide;
      type: OrderType;
      tif: TimeInForce;
      price: number;
      size: number;
    }
  | { ts: number; action: 'cancel'; id: string }
  | { ts: number; action: 'modify'; id: string; price: number; size: number };

const TIFS = new Set(['GTC', 'IOC', 'FOK', 'POST_ONLY']);

/**
 * Parses one ORDERS.csv data row. `known` holds the ids submitted by earlier rows: a cancel or modify
 * must name one of them, and a submit may not reuse one.
 */
export function parseOrderRow(
  line: string,
  inst: Instrument,
  known: Set<string>,
  where: InputLocation,
): OrderAction {
  const f = line.split(',').map((x) => x.trim());
  if (f.length !== 8) throw new InputError('bad-row', `expected 8 fields, got ${f.length}`, where);
  const [tsText, action, id, sideText, typeText, tifText, priceText, sizeText] = f;
  const ts = micros(tsText, 'ts', where);
  if (id === '') throw new InputError('missing-id', 'the order id is empty', where);
  if (action === 'cancel' || action === 'modify') {
    if (!known.has(id))
      throw new InputError('unknown-order-id', `${action} of order '${id}' that was never submitted`, where);
    if (action === 'cancel') return { ts, action, id };
    const price = inst.priceToTicks(priceText, 'reject', where);
    const size = positiveLots(inst, sizeText, where);
    return { ts, action, id, price, size };
  }
  if (action !== 'submit') {
    throw new InputError('unknown-action', `action '${action}' is not one of submit, cancel, modify`, where);
  }
  if (known.has(id)) throw new InputError('duplicate-id', `order id '${id}' was already submitted`, where);
  const side = parseSide(sideText);
  if (side !== 1 && side !== -1)
    throw new InputError('bad-side', `side '${sideText}' is not BUY/BID/+1 or SELL/ASK/-1`, where);
  const type = typeText.toLowerCase();
  if (type !== 'market' && type !== 'limit')
    throw new InputError('bad-type', `type '${typeText}' is not market or limit`, where);
  const tif = (tifText === '' ? 'GTC' : tifText.toUpperCase()) as TimeInForce;
  if (!TIFS.has(tif))
    throw new InputError('bad-tif', `tif '${tifText}' is not one of GTC, IOC, FOK, POST_ONLY`, where);
  if (type === 'market' && tif === 'POST_ONLY')
    throw new InputError('bad-tif', 'a market order cannot be POST_ONLY', where);
  let price = Number.NaN;
  if (type === 'limit') {
    if (priceText === '') throw new InputError('missing-price', 'a limit order needs a price', where);
    price = inst.priceToTicks(priceText, 'reject', where);
  } else if (priceText !== '') throw new InputError('bad-price', 'a market order takes no price', where);
  const size = positiveLots(inst, sizeText, where);
  known.add(id);
  return { ts, action: 'submit', id, side, type, tif, price, size };
}

function positiveLots(inst: Instrument, text: string, where: InputLocation): number {
  if (text === '') throw new InputError('missing-size', 'the size is empty', where);
  const lots = inst.sizeToLots(text, 'reject', where);
  if (lots <= 0) throw new InputError('bad-size', `size ${text} must be positive`, where);
  return lots;
}

/** Price of a fill in ticks (fractional with the impact overlay) as an exact decimal string. */
function priceText(inst: Instrument, ticks: number): string {
  if (Number.isInteger(ticks)) return inst.ticksToPrice(ticks);
  return inst.tickSize
    .mul(new Decimal(ticks))
    .toDecimalPlaces(inst.priceDecimals + 6)
    .toFixed();
}

/** One JSONL line of `execsim sim`: fixed field order, absent fields omitted, decimals as strings. */
export function formatOrderEvent(e: OrderEvent, inst: Instrument): string {
  const o: Record<string, string | number> = { ts: e.ts, tsExch: e.tsExch, id: e.id, event: e.event };
  if (e.price !== undefined && !Number.isNaN(e.price)) o.price = priceText(inst, e.price);
  if (e.size !== undefined) o.size = inst.lotsToSize(e.size);
  if (e.leaves !== undefined) o.leaves = inst.lotsToSize(e.leaves);
  if (e.liquidity !== undefined) o.liquidity = e.liquidity;
  if (e.fee !== undefined) o.fee = e.fee;
  if (e.impact !== undefined) o.impact = priceText(inst, e.impact);
  if (e.reason !== undefined) o.reason = e.reason;
  return JSON.stringify(o);
}
