import { InputError, type InputLocation } from '../../../core/index.ts';
import { type EventFileMeta, EventKind, SCHEMA_VERSION } from '../../schema.ts';
import { Findings, gridOf, parseRepairs, TimeOrder } from '../../validate/index.ts';
import { resolveInstrument } from '../instrument-defaults.ts';
import { LatencyStats } from '../latency-stats.ts';
import { readLines } from '../lines.ts';
import { hashInputs } from '../provenance.ts';
import type { EventGroup, EventSource, ImportOptions } from '../types.ts';
import { DepthSync } from './depth-sync.ts';
import { type BinanceMarket, defaultInstrument, MARKET_VENUE, marketOf, sequenceRule } from './markets.ts';
import { type BinanceMessage, parseCaptureLine } from './messages.ts';
import { BinanceRows } from './rows.ts';

/** How far into the first file to look for a message that tells market and symbol. */
const DETECT_LINES = 100_000;

/**
 * Binance raw captures: `<local_ns> <json>` lines (gzip or plain), a REST depth snapshot plus the
 * combined depth/trade/bookTicker streams. Several files of one stream are read as one, in the
 * order given. Rows come out in receive order (see docs/importers.md for times and ordering).
 */
export async function openBinance(inputs: readonly string[], options: ImportOptions): Promise<EventSource> {
  if (inputs.length === 0) throw new InputError('bad-flag', 'binance import needs at least one capture file');
  const repairs = parseRepairs(options.repairs ?? []);
  const { market, symbol } = await detect(inputs[0]);
  const instrument = resolveInstrument(
    defaultInstrument(market, symbol),
    { venue: MARKET_VENUE[market], symbol },
    options,
  );
  const grid = gridOf(instrument);
  const findings = new Findings();
  const meta: EventFileMeta = {
    schemaVersion: SCHEMA_VERSION,
    instrument: instrument.spec(),
    provenance: {
      source: `Binance ${market} WebSocket capture of ${symbol} (REST depth snapshot, depth diffs, trades, bookTicker)`,
      inputs: await hashInputs(inputs),
      importer: 'binance',
      findings: {},
      notes: '',
    },
  };
  const groups = binanceGroups(inputs, {
    market,
    symbol,
    findings,
    meta,
    rows: new BinanceRows(grid, findings),
    resync: repairs.has('resync'),
  });
  return { instrument, grid, meta, findings, allowSubTickTrades: false, groups };
}

interface Context {
  market: BinanceMarket;
  symbol: string;
  findings: Findings;
  meta: EventFileMeta;
  rows: BinanceRows;
  resync: boolean;
}

async function* binanceGroups(inputs: readonly string[], ctx: Context): AsyncGenerator<EventGroup> {
  const { findings, rows } = ctx;
  const queue: EventGroup[] = [];
  const order = new TimeOrder('local receive time');
  const latency = new LatencyStats();
  // Greatest exchange time received so far: stands in for messages that carry none. Rows that
  // come before any stamped message are held until the first stamp arrives and take it.
  let lastExch = Number.NaN;
  let holding = false;
  let exchBackwards = 0;
  const exchFor = (): number => {
    if (Number.isNaN(lastExch)) {
      holding = true;
      findings.count('exchange-time-from-next');
      return Number.NaN;
    }
    findings.count('exchange-time-carried');
    return lastExch;
  };
  const stamp = (exch: number, tsLocal: number): void => {
    latency.add(tsLocal - exch);
    if (exch < lastExch) exchBackwards++;
    else lastExch = exch;
  };
  const fillHeld = (fallbackToLocal: boolean): void => {
    for (const g of queue) {
      for (const r of g.rows) {
        if (Number.isNaN(r.tsExch)) r.tsExch = fallbackToLocal ? r.tsLocal : lastExch;
      }
    }
    holding = false;
  };
  const sync = new DepthSync(sequenceRule(ctx.market), ctx.resync, findings, {
    snapshot: (s, tsLocal, where) => {
      let exch: number;
      if (s.exch === undefined) exch = exchFor();
      else {
        exch = s.exch;
        stamp(exch, tsLocal);
      }
      queue.push({ where, rows: rows.snapshot(s, exch, tsLocal, where) });
    },
    diff: (d, tsLocal) => queue.push({ where: d.where, rows: rows.diff(d.diff, tsLocal, d.where) }),
    clear: (tsExch, tsLocal, where) =>
      queue.push({ where, rows: [{ tsExch, tsLocal, kind: EventKind.CLEAR, side: 0, price: 0, size: 0 }] }),
  });

  for (const file of inputs) {
    let lineNo = 0;
    for await (const line of readLines(file)) {
      lineNo++;
      if (line.length === 0) {
        findings.count('empty-line');
        continue;
      }
      const where: InputLocation = { file, row: lineNo };
      const { tsLocal, message: m } = parseCaptureLine(line, where);
      order.check(tsLocal, where);
      checkStream(m, ctx, where);
      switch (m.type) {
        case 'snapshot':
          sync.onSnapshot(m, tsLocal, where);
          break;
        case 'diff':
          stamp(m.exch, tsLocal);
          sync.onDiff({ diff: m, tsLocal, where, afterGap: false });
          break;
        case 'trade':
          stamp(m.exch, tsLocal);
          queue.push({ where, rows: rows.trade(m, tsLocal, where) });
          break;
        case 'bbo': {
          let exch: number;
          if (m.exch === undefined) exch = exchFor();
          else {
            exch = m.exch;
            stamp(exch, tsLocal);
          }
          queue.push({ where, rows: rows.bbo(m, exch, tsLocal, where) });
          break;
        }
        default:
          findings.count(`skipped-stream:${m.stream}`);
      }
      if (holding && !Number.isNaN(lastExch)) fillHeld(false);
      if (!holding) {
        for (const g of queue) yield g;
        queue.length = 0;
      }
    }
  }
  sync.finish();
  if (holding) {
    // No message carried an exchange time at all: the receive time is all there is.
    findings.count('exchange-time-from-local');
    fillHeld(true);
  }
  for (const g of queue) yield g;
  queue.length = 0;
  ctx.meta.provenance.notes = [
    'Rows are in receive order (the capture file order); ts_local is the capture receive time (ns floored to µs).',
    'ts_exch is Binance T (transaction/trade time), else E (event time), ms -> µs.',
    ctx.market === 'spot'
      ? 'Spot bookTicker and the spot REST snapshot carry no exchange time: their ts_exch is the greatest exchange time received before them (exchange-time-carried), or for lines before any stamped message the first exchange time received after them (exchange-time-from-next).'
      : '',
    'Depth diffs received before the snapshot that apply after it are released right after it with ts_local = the snapshot receive time (counted as diff-released-at-snapshot).',
    `Feed latency ts_local - ts_exch as recorded, not corrected: ${latency.describe()}.`,
    `Messages whose exchange time is earlier than an earlier-received message's: ${exchBackwards}.`,
  ]
    .filter((s) => s !== '')
    .join(' ');
}

function checkStream(m: BinanceMessage, ctx: Context, where: InputLocation): void {
  const market = marketOf(m);
  if (market !== undefined && market !== ctx.market) {
    throw new InputError('mixed-markets', `a ${market} message in a ${ctx.market} capture`, where);
  }
  const symbol = m.type === 'other' ? undefined : m.symbol;
  if (symbol !== undefined && symbol !== ctx.symbol) {
    throw new InputError('mixed-symbols', `a ${symbol} message in a ${ctx.symbol} capture`, where);
  }
}

/** Market and symbol from the first messages of the first file that tell them. */
async function detect(file: string): Promise<{ market: BinanceMarket; symbol: string }> {
  let market: BinanceMarket | undefined;
  let symbol: string | undefined;
  let lineNo = 0;
  for await (const line of readLines(file)) {
    lineNo++;
    if (line.length === 0) continue;
    const { message } = parseCaptureLine(line, { file, row: lineNo });
    market ??= marketOf(message);
    if (message.type !== 'other') symbol ??= message.symbol;
    if ((market !== undefined && symbol !== undefined) || lineNo >= DETECT_LINES) break;
  }
  if (market === undefined || symbol === undefined) {
    throw new InputError(
      'unknown-stream',
      `no depth, trade or bookTicker message in the first ${lineNo} lines tells the market and symbol`,
      { file },
    );
  }
  return { market, symbol };
}
