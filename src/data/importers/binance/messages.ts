import { InputError, type InputLocation, US_PER_MS } from '../../../core/index.ts';

/** A `[price, qty]` pair as Binance sends it (decimal strings). */
export type Level = readonly [string, string];

export interface SnapshotMessage {
  type: 'snapshot';
  lastUpdateId: number;
  /** Exchange time in µs (T, else E); undefined for spot, whose REST snapshot has neither. */
  exch: number | undefined;
  symbol: string | undefined;
  coinm: boolean;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface DiffMessage {
  type: 'diff';
  U: number;
  u: number;
  /** Futures only: the previous diff's u. */
  pu: number | undefined;
  exch: number;
  symbol: string;
  coinm: boolean;
  bids: readonly Level[];
  asks: readonly Level[];
}

export interface TradeMessage {
  type: 'trade';
  exch: number;
  symbol: string;
  price: string;
  qty: string;
  /** `m`: the buyer was the maker, so the aggressor sold. */
  buyerIsMaker: boolean;
  futures: boolean;
  coinm: boolean;
}

export interface TickerMessage {
  type: 'bbo';
  /** Exchange time in µs (T, else E); undefined for spot bookTicker. */
  exch: number | undefined;
  symbol: string;
  u: number;
  bid: string;
  bidQty: string;
  ask: string;
  askQty: string;
  /** Futures bookTickers carry `e`/`E`/`T`; spot ones none of them. */
  futures: boolean;
  coinm: boolean;
}

export interface OtherMessage {
  type: 'other';
  stream: string;
}

export type BinanceMessage = SnapshotMessage | DiffMessage | TradeMessage | TickerMessage | OtherMessage;

export interface CaptureLine {
  /** Local receive time in µs (the capture's ns, floored). */
  tsLocal: number;
  message: BinanceMessage;
}

type Json = Record<string, unknown>;

/** Parses one `<local_ns> <json>` capture line. */
export function parseCaptureLine(line: string, where: InputLocation): CaptureLine {
  const space = line.indexOf(' ');
  const ns = space > 0 ? line.slice(0, space) : '';
  if (!/^\d{4,}$/.test(ns)) {
    throw new InputError('bad-line', 'line does not start with a local timestamp in ns and a space', where);
  }
  const tsLocal = Number(ns.slice(0, -3));
  if (!Number.isSafeInteger(tsLocal)) {
    throw new InputError('bad-time', `local timestamp ${ns} ns is out of range`, where);
  }
  let json: unknown;
  try {
    json = JSON.parse(line.slice(space + 1));
  } catch {
    throw new InputError('bad-json', 'the text after the timestamp is not valid JSON', where);
  }
  if (!isObject(json)) throw new InputError('bad-json', 'the message is not a JSON object', where);
  return { tsLocal, message: classify(json, where) };
}

function classify(json: Json, where: InputLocation): BinanceMessage {
  if ('lastUpdateId' in json) return snapshot(json, where);
  const stream = json.stream;
  const data = json.data;
  if (typeof stream !== 'string' || !isObject(data)) {
    throw new InputError('bad-message', 'neither a REST snapshot nor a combined-stream message', where);
  }
  const channel = stream.slice(stream.indexOf('@') + 1);
  if (channel.startsWith('depth')) return diff(data, where);
  if (channel === 'trade') return trade(data, where);
  if (channel === 'bookTicker') return ticker(data, where);
  return { type: 'other', stream: channel };
}

function snapshot(json: Json, where: InputLocation): SnapshotMessage {
  const symbol = optString(json, 'symbol', where);
  return {
    type: 'snapshot',
    lastUpdateId: int(json, 'lastUpdateId', where),
    exch: exchTime(json, where),
    symbol,
    coinm: symbol !== undefined || 'pair' in json,
    bids: levels(json, 'bids', where),
    asks: levels(json, 'asks', where),
  };
}

function diff(d: Json, where: InputLocation): DiffMessage {
  const exch = exchTime(d, where);
  if (exch === undefined) throw new InputError('bad-message', 'depth diff without E', where);
  return {
    type: 'diff',
    U: int(d, 'U', where),
    u: int(d, 'u', where),
    pu: 'pu' in d ? int(d, 'pu', where) : undefined,
    exch,
    symbol: str(d, 's', where),
    coinm: 'ps' in d,
    bids: levels(d, 'b', where),
    asks: levels(d, 'a', where),
  };
}

function trade(d: Json, where: InputLocation): TradeMessage {
  const exch = exchTime(d, where);
  if (exch === undefined) throw new InputError('bad-message', 'trade without T or E', where);
  if (typeof d.m !== 'boolean') throw new InputError('bad-message', 'trade without boolean m', where);
  return {
    type: 'trade',
    exch,
    symbol: str(d, 's', where),
    price: str(d, 'p', where),
    qty: str(d, 'q', where),
    buyerIsMaker: d.m,
    futures: 'X' in d || !('M' in d),
    coinm: 'ps' in d || str(d, 's', where).includes('_'),
  };
}

function ticker(d: Json, where: InputLocation): TickerMessage {
  return {
    type: 'bbo',
    exch: exchTime(d, where),
    symbol: str(d, 's', where),
    u: int(d, 'u', where),
    bid: str(d, 'b', where),
    bidQty: str(d, 'B', where),
    ask: str(d, 'a', where),
    askQty: str(d, 'A', where),
    futures: 'e' in d || 'E' in d || 'T' in d,
    coinm: 'ps' in d,
  };
}

/** `T` (transaction/trade time) when present, else `E` (event time), ms → µs. */
function exchTime(d: Json, where: InputLocation): number | undefined {
  const key = 'T' in d ? 'T' : 'E' in d ? 'E' : undefined;
  return key === undefined ? undefined : int(d, key, where) * US_PER_MS;
}

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function int(d: Json, key: string, where: InputLocation): number {
  const v = d[key];
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) {
    throw new InputError('bad-message', `field ${key} is not an integer`, where);
  }
  return v;
}

function str(d: Json, key: string, where: InputLocation): string {
  const v = d[key];
  if (typeof v !== 'string') throw new InputError('bad-message', `field ${key} is not a string`, where);
  return v;
}

function optString(d: Json, key: string, where: InputLocation): string | undefined {
  return key in d ? str(d, key, where) : undefined;
}

function levels(d: Json, key: string, where: InputLocation): Level[] {
  const v = d[key];
  if (!Array.isArray(v)) throw new InputError('bad-message', `field ${key} is not a list of levels`, where);
  for (const level of v) {
    if (!Array.isArray(level) || typeof level[0] !== 'string' || typeof level[1] !== 'string') {
      throw new InputError('bad-message', `field ${key} holds a level that is not [price, qty]`, where);
    }
  }
  return v as Level[];
}
