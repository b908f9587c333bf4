import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Argv, CommandModule } from 'yargs';
import { L2Book } from '../book/index.ts';
import { InputError, Instrument, type OrderEvent } from '../core/index.ts';
import {
  allocBatch,
  type EventBatch,
  EventKind,
  readEventMeta,
  readEvents,
  verifyEventFile,
  writeFileAtomic,
} from '../data/index.ts';
import {
  checkHeader,
  EVENTS_HEADER,
  formatOrderEvent,
  ORDERS_HEADER,
  type OrderAction,
  parseEventRow,
  parseOrderRow,
  resolveVenue,
  Simulation,
  type VenueConfigInput,
} from '../venue/index.ts';

interface SimArgs {
  events: string;
  orders: string;
  config?: string;
  out?: string;
}

const BATCH_ROWS = 65_536;

export const simCommand: CommandModule<object, SimArgs> = {
  command: 'sim',
  describe:
    'Replay market events and strategy orders through the simulated venue; print order events as JSONL',
  builder: (y: Argv) =>
    y
      .option('events', {
        type: 'string',
        demandOption: true,
        describe: 'EVENTS.csv (ts_exch,ts_local,kind,side,price,size) or market-event Parquet',
      })
      .option('orders', {
        type: 'string',
        demandOption: true,
        describe: 'ORDERS.csv (ts,action,id,side,type,tif,price,size)',
      })
      .option('config', { type: 'string', describe: 'VENUE.json (docs/venue.md); every key optional' })
      .option('out', {
        type: 'string',
        describe: 'JSONL output (written atomically); stdout when absent',
      }) as unknown as Argv<SimArgs>,
  handler: async (argv) => {
    const config = argv.config === undefined ? {} : await readConfig(argv.config);
    const settings = resolveVenue(config, argv.config);
    const parquet = /\.parquet$/i.test(argv.events);
    const instrument = parquet
      ? await parquetInstrument(argv.events, config, argv.config)
      : new Instrument({
          venue: 'sim',
          symbol: 'SIM',
          tickSize: config.tickSize ?? '1',
          lotSize: config.lotSize ?? '1',
        });
    const actions = await readOrders(argv.orders, instrument);
    const sim = new Simulation({ instrument, venue: settings });
    const events: OrderEvent[] = [];
    sim.venue.onOrderEvent((e) => events.push(e));
    for (const a of actions) {
      sim.clock.setTimer(a.ts, () => {
        if (a.action === 'submit') {
          sim.venue.submit({
            id: a.id,
            side: a.side,
            type: a.type,
            tif: a.tif,
            price: a.price,
            size: a.size,
          });
        } else if (a.action === 'cancel') sim.venue.cancel(a.id);
        else sim.venue.modify(a.id, a.price, a.size);
      });
    }
    // A Parquet file's rows are checked (once per content) by the importers' rules; a CSV's as read.
    if (parquet) await verifyEventFile(argv.events);
    const source = parquet ? readEvents(argv.events) : csvEvents(argv.events, instrument);
    try {
      await sim.run(source);
    } catch (err) {
      if (err instanceof InputError && err.file === undefined) {
        throw new InputError(err.rule, err.detail, { file: argv.events });
      }
      throw err;
    }
    const text = events.map((e) => `${formatOrderEvent(e, instrument)}\n`).join('');
    if (argv.out === undefined) process.stdout.write(text);
    else await writeFileAtomic(argv.out, text);
  },
};

async function readConfig(file: string): Promise<VenueConfigInput> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new InputError('missing-file', 'cannot read the venue config', { file });
  }
  try {
    return JSON.parse(text) as VenueConfigInput;
  } catch (err) {
    throw new InputError('bad-config', `not valid JSON (${(err as Error).message})`, { file });
  }
}

/** The Parquet file's instrument; a config tick or lot size must agree with it. */
async function parquetInstrument(
  path: string,
  config: VenueConfigInput,
  configFile?: string,
): Promise<Instrument> {
  const { meta } = await readEventMeta(path);
  const inst = new Instrument(meta.instrument);
  for (const [key, have] of [
    ['tickSize', inst.tickSize],
    ['lotSize', inst.lotSize],
  ] as const) {
    const want = config[key];
    if (want !== undefined && !have.eq(want)) {
      throw new InputError('bad-config', `${key} ${want} differs from the events file's ${have.toString()}`, {
        file: configFile,
      });
    }
  }
  return inst;
}

async function* lines(file: string): AsyncGenerator<string> {
  const stream = createReadStream(file, { encoding: 'utf8' });
  const done = new Promise<never>((_, reject) => {
    stream.on('error', () => reject(new InputError('missing-file', 'cannot read the file', { file })));
  });
  const rl = createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY });
  const it = rl[Symbol.asyncIterator]();
  for (;;) {
    const r = await Promise.race([it.next(), done]);
    if (r.done) return;
    yield r.value;
  }
}

/** EVENTS.csv as batches, checked row by row (sorted ts_exch, grid, kinds, sides, sizes). */
async function* csvEvents(file: string, inst: Instrument): AsyncGenerator<EventBatch> {
  let row = -1;
  let last = Number.NEGATIVE_INFINITY;
  let batch = allocBatch(BATCH_ROWS);
  // A book of our own to check the rule that the book is never crossed after a snapshot.
  const book = new L2Book();
  let snapshotEnd: { row: number; ts: number } | undefined;
  for await (const line of lines(file)) {
    row++;
    if (row === 0) {
      checkHeader(line, EVENTS_HEADER, file);
      continue;
    }
    if (line.trim() === '') continue;
    const where = { file, row };
    const r = parseEventRow(line, inst, where);
    if (r.tsExch < last) {
      throw new InputError(
        'unsorted-time',
        `ts_exch ${r.tsExch} is earlier than the row before (${last})`,
        where,
      );
    }
    last = r.tsExch;
    if (snapshotEnd && r.kind !== EventKind.SNAPSHOT) checkUncrossed(book, inst, file, snapshotEnd);
    snapshotEnd = r.kind === EventKind.SNAPSHOT ? { row, ts: r.tsExch } : undefined;
    book.apply(r.kind, r.side, Math.round(r.price / inst.tick), Math.round(r.size / inst.lot));
    const i = batch.length;
    batch.tsExch[i] = r.tsExch;
    batch.tsLocal[i] = r.tsLocal;
    batch.kind[i] = r.kind;
    batch.side[i] = r.side;
    batch.price[i] = r.price;
    batch.size[i] = r.size;
    batch.length = i + 1;
    if (batch.length === BATCH_ROWS) {
      yield batch;
      batch = allocBatch(BATCH_ROWS);
    }
  }
  if (row < 0)
    throw new InputError('bad-header', `expected header '${EVENTS_HEADER}', got an empty file`, { file });
  if (snapshotEnd) checkUncrossed(book, inst, file, snapshotEnd);
  if (batch.length > 0) yield batch;
}

/** After a snapshot the book may not be crossed: such input is rejected, naming the row and time. */
function checkUncrossed(book: L2Book, inst: Instrument, file: string, at: { row: number; ts: number }): void {
  if (!book.isCrossed()) return;
  const bid = inst.ticksToPrice(book.bestBid());
  const ask = inst.ticksToPrice(book.bestAsk());
  throw new InputError(
    'crossed-book',
    `the book is crossed after the snapshot ending at ts_exch ${at.ts}: best bid ${bid} >= best ask ${ask}`,
    { file, row: at.row },
  );
}

/** ORDERS.csv, checked whole (it is small): header, sorted ts, known ids. */
async function readOrders(file: string, inst: Instrument): Promise<OrderAction[]> {
  const out: OrderAction[] = [];
  const known = new Set<string>();
  let row = -1;
  let last = Number.NEGATIVE_INFINITY;
  for await (const line of lines(file)) {
    row++;
    if (row === 0) {
      checkHeader(line, ORDERS_HEADER, file);
      continue;
    }
    if (line.trim() === '') continue;
    const where = { file, row };
    const a = parseOrderRow(line, inst, known, where);
    if (a.ts < last)
      throw new InputError('unsorted-time', `ts ${a.ts} is earlier than the row before (${last})`, where);
    last = a.ts;
    out.push(a);
  }
  if (row < 0)
    throw new InputError('bad-header', `expected header '${ORDERS_HEADER}', got an empty file`, { file });
  return out;
}
