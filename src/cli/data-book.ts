import type { Argv, CommandModule } from 'yargs';
import { L2Book } from '../book/index.ts';
import { formatTime, InputError, Instrument, parseTime } from '../core/index.ts';
import { readEventMeta, readEvents, verifyEventFile } from '../data/index.ts';

interface BookArgs {
  file: string;
  at: string;
  depth: number;
  json?: boolean;
}

/** The book as of a local time: decimal strings, best first. */
export interface BookAt {
  ts: number;
  bids: [string, string][];
  asks: [string, string][];
}

export const dataBookCommand: CommandModule<object, BookArgs> = {
  command: 'book <file>',
  describe: 'Reconstruct the L2 book of a market-event file as of a local time',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'market-event Parquet file' })
      .option('at', {
        type: 'string',
        demandOption: true,
        describe: 'local time: µs since the epoch or ISO-8601 (UTC unless an offset is given)',
      })
      .option('depth', { type: 'number', default: 10, describe: 'levels per side' })
      .option('json', {
        type: 'boolean',
        describe: 'print {"ts","bids","asks"} as JSON',
      }) as unknown as Argv<BookArgs>,
  handler: async (argv) => {
    if (!Number.isSafeInteger(argv.depth) || argv.depth < 1) {
      throw new InputError('bad-option', `--depth must be a positive integer, got ${argv.depth}`);
    }
    const ts = parseTime(String(argv.at), '--at');
    await verifyEventFile(argv.file); // as any replay does: an off-grid row would be rounded
    const { book, inst } = await bookAt(argv.file, ts);
    const out = bookView(book, inst, ts, argv.depth);
    process.stdout.write(argv.json ? `${JSON.stringify(out)}\n` : formatBook(out, inst));
  },
};

/** Top `depth` levels per side as decimal strings in the instrument's precision, best first. */
export function bookView(book: L2Book, inst: Instrument, ts: number, depth: number): BookAt {
  const view = book.view(depth);
  return {
    ts,
    bids: view.bids.map(([p, s]) => [inst.ticksToPrice(p), inst.lotsToSize(s)]),
    asks: view.asks.map(([p, s]) => [inst.ticksToPrice(p), inst.lotsToSize(s)]),
  };
}

/**
 * Replays the file's rows in file order while ts_local <= ts: the book a client had received by
 * local time `ts`. Rows are in receive order, so the first later row ends the replay.
 */
export async function bookAt(file: string, ts: number): Promise<{ book: L2Book; inst: Instrument }> {
  const { meta } = await readEventMeta(file);
  const inst = new Instrument(meta.instrument);
  const book = new L2Book();
  const invTick = 1 / inst.tick;
  const invLot = 1 / inst.lot;
  for await (const b of readEvents(file)) {
    let end = 0;
    while (end < b.length && b.tsLocal[end] <= ts) end++;
    book.applyBatch(b, invTick, invLot, 0, end);
    if (end < b.length) break;
  }
  return { book, inst };
}

function formatBook(b: BookAt, inst: Instrument): string {
  const rows = Math.max(b.bids.length, b.asks.length);
  const w = [8, 12, 12, 8].map((min, i) =>
    Math.max(min, ...(i < 2 ? b.bids : b.asks).map(([p, s]) => (i === 0 || i === 3 ? s.length : p.length))),
  );
  const lines = [
    `${inst.venue} ${inst.symbol} as of ${formatTime(b.ts)} (${b.ts} µs)`,
    `${'bid size'.padStart(w[0])}  ${'bid'.padStart(w[1])}  |  ${'ask'.padEnd(w[2])}  ${'ask size'.padEnd(w[3])}`,
  ];
  for (let i = 0; i < rows; i++) {
    const [bp, bs] = b.bids[i] ?? ['', ''];
    const [ap, as] = b.asks[i] ?? ['', ''];
    lines.push(
      `${bs.padStart(w[0])}  ${bp.padStart(w[1])}  |  ${ap.padEnd(w[2])}  ${as.padEnd(w[3])}`.trimEnd(),
    );
  }
  return `${lines.join('\n')}\n`;
}
