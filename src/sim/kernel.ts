import { L2Book } from '../book/index.ts';
import type { Instrument, Micros } from '../core/index.ts';
import { type EventBatch, EventKind } from '../data/index.ts';
import { EventQueue, Phase } from './event-queue.ts';
import { type PendingBatch, PendingBatches } from './pending-batches.ts';
import { randomStream } from './random.ts';
import type { ReplayStart } from './replay-start.ts';

// Row kinds as plain module constants: reading them through the data face's re-export costs a
// getter call per row under some loaders.
const DEPTH: number = EventKind.DEPTH;
const TRADE: number = EventKind.TRADE;
const CLEAR: number = EventKind.CLEAR;
const SNAPSHOT: number = EventKind.SNAPSHOT;
const BBO: number = EventKind.BBO;

/** The exchange side when no venue listens. */
const NO_EXCHANGE: ExchangeListener = { wantsRows: false, onExchangeRow: () => {} };

/** A trade print in ticks and lots as the kernel hands it out (price may be fractional). */
export interface TradePrint {
  ts: Micros;
  side: number;
  price: number;
  size: number;
}

/**
 * What the exchange side (the venue) sees of the data stream. `onExchangeRow` is called at ts_exch
 * BEFORE the exchange book applies the row, so the listener can read the level's previous size.
 * It is only called while `wantsRows` is true (working orders, consumed liquidity).
 */
export interface ExchangeListener {
  readonly wantsRows: boolean;
  onExchangeRow(t: Micros, kind: number, side: number, price: number, size: number): void;
}

/** The strategy's view of the market: the local book (ts_local) and its listeners. */
export interface LocalMarket {
  readonly instrument: Instrument;
  readonly book: L2Book;
  onQuote(listener: (ts: Micros) => void): void;
  onTrade(listener: (trade: TradePrint) => void): void;
}

export interface RunOptions {
  /** Stop after this exchange/local time (µs, inclusive). */
  endUs?: Micros;
}

export interface RunStats {
  /** Rows applied at the exchange. */
  rows: number;
  /** Clock reading at the end of the run. */
  endUs: Micros;
  /** Rows the exchange applied at a clamped time (see `feed`). */
  clampedRows: number;
}

export interface KernelOptions {
  instrument: Instrument;
  /** Run seed for the component random streams. */
  seed?: string | number;
  /** Clock reading before the first event (µs, default 0), e.g. a strategy's start. */
  startUs?: Micros;
}

/**
 * The discrete-event kernel: a virtual clock in µs, one queue of scheduled work in the total order
 * (time, phase, sequence), and the market-data stream seen twice — by the exchange at ts_exch (the
 * exchange book) and by strategies at ts_local (the local book). Rows are read straight from the
 * typed-array batches; a batch is kept only until the local view has passed it, so memory stays
 * bounded whatever the stream's length.
 *
 * Local rows are applied in file order; a row whose ts_local is earlier than the previous row's is
 * seen at the previous row's time (a feed does not reorder).
 *
 * The local book is kept row by row only while a quote listener needs every change of it. Otherwise
 * it is rebuilt when read — a copy of the exchange book with the rows still in flight undone, from
 * the sizes the exchange's rows replaced — so a strategy that reads the book at its decisions costs
 * one book per row, not two. With no listener at all, the local view is also passed in bulk when
 * queued work is due or a batch ends, rather than row by row.
 */
export class Kernel {
  readonly instrument: Instrument;
  readonly exchangeBook = new L2Book();
  readonly queue = new EventQueue();
  private readonly local = new L2Book();
  private readonly seed: string | number;
  private readonly invTick: number;
  private readonly invLot: number;
  private time: number;
  private lastExch = Number.NEGATIVE_INFINITY;
  private rows = 0;
  private clamped = 0;
  private exchange: ExchangeListener = NO_EXCHANGE;

  // Local view: batches not yet fully seen locally, with a cursor into the first; the exchange has
  // applied the rows of the last one before `exchRow`.
  private readonly pending = new PendingBatches();
  private localRow = 0;
  private localNext = Number.POSITIVE_INFINITY;
  private lastLocal = Number.NEGATIVE_INFINITY;
  private exchRow = 0;

  /** True while no strategy listens to local rows: the local view is then passed in bulk. */
  private quiet = true;
  /** True while no quote listener needs the local book row by row: it is rebuilt when read. */
  private lazyLocal = true;
  /** The local view passed rows since the local book was last rebuilt. */
  private localStale = false;
  private quoteListeners: ((ts: Micros) => void)[] = [];
  private tradeListeners: ((trade: TradePrint) => void)[] = [];
  private timers = new Map<number, boolean>();
  private nextTimer = 1;
  private released = false;
  /** Local time of the last row skipped by startFrom: a run may not end before it. */
  private skippedUntil = Number.NEGATIVE_INFINITY;

  /** The strategy's market-data view (structurally an execution-layer MarketDataView). */
  readonly market: LocalMarket;

  constructor(opts: KernelOptions) {
    this.instrument = opts.instrument;
    const kernel = this;
    this.market = {
      instrument: opts.instrument,
      get book() {
        return kernel.localBook;
      },
      onQuote: (l) => this.onQuote(l),
      onTrade: (l) => this.onTrade(l),
    };
    this.seed = opts.seed ?? 0;
    this.time = opts.startUs ?? 0;
    this.invTick = 1 / opts.instrument.tick;
    this.invLot = 1 / opts.instrument.lot;
  }

  /** The book as the strategy sees it: every row the local view has passed, and no other. */
  get localBook(): L2Book {
    if (this.released) throw new Error('the kernel was released');
    if (this.localStale) this.rebuildLocal();
    return this.local;
  }

  /**
   * Hands the books and row buffers back for the next kernel on this thread (a sweep runs many
   * simulations one after another). The kernel must not be used afterwards: feeding it throws.
   */
  release(): void {
    this.released = true;
    this.pending.clear();
    this.exchangeBook.release();
    this.local.release();
  }

  /**
   * The time before which nothing can see this kernel's replay — its first queued work — while it
   * has fed no row and no listener or venue watches the rows; −∞ otherwise. Rows whose local time
   * is before it may be skipped by starting from a ReplayStart (startFrom).
   */
  quietUntil(): number {
    const watched = !this.quiet || !this.lazyLocal || this.exchange.wantsRows;
    if (watched || this.rows > 0 || this.pending.length > 0) return Number.NEGATIVE_INFINITY;
    return this.queue.peekTime();
  }

  /**
   * Begins the replay after rows [0, start.row), in the state feeding them would have left; the
   * source given to run then starts at row start.row. Only while nothing could have seen those
   * rows: every one reaches the local view before quietUntil().
   */
  startFrom(start: ReplayStart): void {
    if (!(start.lastLocal < this.quietUntil())) {
      throw new Error('a replay can start later only while nothing has seen the rows it skips');
    }
    this.exchangeBook.copyFrom(start.book);
    // The local view has passed every skipped row: its book is the exchange's, built when read.
    this.localStale = true;
    this.rows = start.row;
    this.clamped = start.clamped;
    this.lastExch = start.lastExch;
    this.lastLocal = start.lastLocal;
    if (start.lastLocal > this.time) this.time = start.lastLocal;
    this.skippedUntil = start.lastLocal;
  }

  /** Current virtual time (µs); `startUs` before the first event. */
  now(): Micros {
    return this.time;
  }

  /** Seeded uniform stream of one named component. */
  random(component: string): () => number {
    return randomStream(this.seed, component);
  }

  setExchangeListener(listener: ExchangeListener): void {
    this.exchange = listener;
  }

  onQuote(listener: (ts: Micros) => void): void {
    if (this.lazyLocal) {
      // From here on every local row is applied to the local book as it is seen.
      if (this.localStale) this.rebuildLocal();
      this.lazyLocal = false;
    }
    this.quiet = false;
    this.quoteListeners.push(listener);
  }

  onTrade(listener: (trade: TradePrint) => void): void {
    this.quiet = false;
    this.tradeListeners.push(listener);
  }

  /** Schedules work at (time, phase); used by the venue for order messages. */
  schedule(time: Micros, phase: Phase, run: () => void): void {
    this.queue.push(time, phase, run);
  }

  /** Strategy timer at local time `at` (at once, after the current work, if not in the future). */
  setTimer(at: Micros, fn: () => void): number {
    const id = this.nextTimer++;
    this.timers.set(id, true);
    const when = at > this.time ? at : this.time;
    this.queue.push(when, Phase.TIMER, () => {
      if (this.timers.delete(id)) fn();
    });
    return id;
  }

  cancelTimer(id: number): void {
    this.timers.delete(id);
  }

  /**
   * Streams every batch through the kernel, then drains what is left. With `endUs`, stops after that
   * time: later rows are not applied and later queued work does not run.
   */
  async run(
    source: Iterable<EventBatch> | AsyncIterable<EventBatch>,
    opts: RunOptions = {},
  ): Promise<RunStats> {
    const end = this.endOf(opts);
    for await (const batch of source) if (!this.feed(batch, end)) break;
    return this.finish(end);
  }

  /** Synchronous twin of `run` for in-memory sources. */
  runSync(source: Iterable<EventBatch>, opts: RunOptions = {}): RunStats {
    const end = this.endOf(opts);
    for (const batch of source) if (!this.feed(batch, end)) break;
    return this.finish(end);
  }

  /** The run's end; one before rows a later start skipped would not be the same run. */
  private endOf(opts: RunOptions): number {
    const end = opts.endUs ?? Number.POSITIVE_INFINITY;
    if (end < this.skippedUntil) {
      throw new Error('a replay started later cannot end before the rows it skipped');
    }
    return end;
  }

  private finish(end: number): RunStats {
    // Times are whole µs, so "up to and including end" is "before end + 1".
    this.drain(end === Number.POSITIVE_INFINITY ? end : end + 1);
    return { rows: this.rows, clampedRows: this.clamped, endUs: this.time };
  }

  /**
   * Applies one batch at exchange time; local rows and queued work run as their times come.
   * Returns false (having applied only the rows up to `end`) once a row is later than `end`.
   */
  feed(batch: EventBatch, end = Number.POSITIVE_INFINITY): boolean {
    if (this.released) throw new Error('the kernel was released');
    const n = batch.length;
    if (n === 0) return true;
    if (this.pending.length === 0) {
      this.localRow = 0;
      this.localNext = Math.max(batch.tsLocal[0], this.lastLocal);
    }
    const entry = this.pending.push(batch, this.lazyLocal);
    const olds = entry.olds;
    this.exchRow = 0;
    const { tsExch, tsLocal, kind, side, price, size } = batch;
    const bySide = this.exchangeBook.bySide;
    const queue = this.queue;
    const invTick = this.invTick;
    const invLot = this.invLot;
    let last = this.lastExch;
    for (let i = 0; i < n; i++) {
      // The exchange applies rows in replay order, and never after a client could see them: a row
      // stamped later than its local time (a capture clock behind the exchange's, as in the Binance
      // sets) or earlier than the row before is applied at the clamped time. Counted in stats.
      let t = tsExch[i];
      if (t > tsLocal[i]) {
        t = tsLocal[i];
        this.clamped++;
      }
      if (t < last) {
        t = last;
        this.clamped++;
      }
      if (t > end) return this.stopAt(i, last);
      last = t;
      // Work strictly before (t, EXCHANGE_DATA) — queued messages, and local rows earlier than t
      // (with no listener they wait for queued work or the batch's end) — or a venue that sees
      // rows: the row goes the slow way. Nothing on the fast way takes t as an argument, so it
      // stays an unboxed double (a call taking it would box it on every row).
      if (queue.peekTime() < t || (!this.quiet && this.localNext < t) || this.exchange.wantsRows) {
        this.slowRow(entry, i, t);
        continue;
      }
      const k = kind[i];
      if (k === DEPTH || k === SNAPSHOT) {
        const s = side[i];
        const old = bySide[-s >>> 31].set(Math.round(price[i] * invTick), Math.round(size[i] * invLot));
        if (olds !== undefined) olds[i] = old;
      } else if (k === CLEAR) this.clearAt(entry, i, side[i]);
    }
    this.rows += n;
    this.exchRow = n;
    this.lastExch = last;
    if (last > this.time) this.time = last;
    if (this.quiet && this.localNext < last) this.applyLocalRun(last, false);
    return true;
  }

  /** Ends a feed before row i, the first later than the run's end. */
  private stopAt(i: number, last: number): false {
    this.rows += i;
    this.exchRow = i;
    this.lastExch = last;
    if (last > this.time) this.time = last;
    return false;
  }

  /** Row i of the newest batch at exchange time t: runs the work due before it, tells the venue, applies it. */
  private slowRow(entry: PendingBatch, i: number, t: number): void {
    if (this.queue.peekTime() < t || (!this.quiet && this.localNext < t)) {
      this.exchRow = i;
      this.drain(t);
    }
    const batch = entry.batch;
    const k = batch.kind[i];
    const s = batch.side[i];
    const ex = this.exchange;
    if (k === TRADE || k === BBO) {
      if (ex.wantsRows) {
        this.time = t;
        ex.onExchangeRow(
          t,
          k,
          s,
          tickOf(batch.price[i] * this.invTick),
          Math.round(batch.size[i] * this.invLot),
        );
      }
      return;
    }
    const p = Math.round(batch.price[i] * this.invTick);
    const q = Math.round(batch.size[i] * this.invLot);
    if (ex.wantsRows) {
      this.time = t;
      this.exchRow = i;
      ex.onExchangeRow(t, k, s, p, q);
    }
    if (k === DEPTH || k === SNAPSHOT) {
      const old = this.exchangeBook.side(s).set(p, q);
      if (entry.olds !== undefined) entry.olds[i] = old;
    } else if (k === CLEAR) this.clearAt(entry, i, s);
  }

  /** A CLEAR at the exchange; while the local book is rebuilt on demand, what it removes is kept. */
  private clearAt(entry: PendingBatch, i: number, s: number): void {
    const book = this.exchangeBook;
    if (this.lazyLocal) {
      if (s >= 0) this.pending.logClear(entry, i, book.bids, 1);
      if (s <= 0) this.pending.logClear(entry, i, book.asks, -1);
    }
    book.apply(CLEAR, s, 0, 0);
  }

  /** The local book from the exchange book: the rows the local view has not passed are undone. */
  private rebuildLocal(): void {
    this.localStale = false;
    this.local.copyFrom(this.exchangeBook);
    this.pending.undo(this.local, this.localRow, this.exchRow, this.invTick);
  }

  /** Runs queued work and local rows whose time is before `until` (all of them for Infinity). */
  drain(until: number): void {
    for (;;) {
      const qt = this.queue.peekTime();
      const lt = this.localNext;
      if (lt < until && (lt < qt || (lt === qt && Phase.LOCAL_DATA < this.queue.peekPhase()))) {
        // Local rows before the next queued work (or at its time, when they come first).
        const equalToo = qt < until && Phase.LOCAL_DATA < this.queue.peekPhase();
        this.applyLocalRun(Math.min(qt, until), equalToo);
        continue;
      }
      if (qt < until) {
        const e = this.queue.pop();
        if (e === undefined) break;
        this.time = e.time;
        e.run();
        continue;
      }
      break;
    }
  }

  /**
   * Passes local rows in a tight loop while their time is before `limit` (or equal to it when
   * `equalToo`: the queued work at that time comes after local data), applying them and telling
   * the listeners when there are any. With listeners, the run also stops as soon as a listener has
   * scheduled work that must come before the next row.
   */
  private applyLocalRun(limit: number, equalToo: boolean): void {
    if (this.lazyLocal) this.localStale = true;
    for (;;) {
      const batch = this.pending.first().batch;
      const stopped = this.quiet
        ? this.passQuiet(batch, limit, equalToo)
        : this.passListened(batch, limit, equalToo);
      if (stopped) return;
      this.pending.shift();
      this.localRow = 0;
      if (this.pending.length === 0) {
        this.localNext = Number.POSITIVE_INFINITY;
        return;
      }
      const next = Math.max(this.pending.first().batch.tsLocal[0], this.lastLocal);
      this.localNext = next;
      if (!(next < limit || (equalToo && next === limit)) || (!this.quiet && this.queueFirst(next))) return;
    }
  }

  /**
   * Passes the rows of the local view's current batch with no listener to tell: only their times
   * are read. Returns true when it stopped inside the batch (the next row is not before the limit).
   * Kept apart from the listened loop so its time stays an unboxed double (one allocation per row
   * otherwise, and the collector's work with it).
   */
  private passQuiet(batch: EventBatch, limit: number, equalToo: boolean): boolean {
    const tsLocal = batch.tsLocal;
    const n = batch.length;
    let i = this.localRow;
    let t = this.localNext;
    for (i++; i < n; i++) {
      const next = Math.max(tsLocal[i], t);
      if (!(next < limit || (equalToo && next === limit))) {
        this.passed(t);
        this.localRow = i;
        this.localNext = next;
        return true;
      }
      t = next;
    }
    this.passed(t);
    return false;
  }

  /** Like passQuiet, applying each row and telling the listeners; also stops for work they queued. */
  private passListened(batch: EventBatch, limit: number, equalToo: boolean): boolean {
    const tsLocal = batch.tsLocal;
    const n = batch.length;
    let i = this.localRow;
    let t = this.localNext;
    for (;;) {
      this.time = t;
      this.applyLocalRow(batch, i);
      i++;
      if (i === n) break;
      const next = Math.max(tsLocal[i], t);
      if (!(next < limit || (equalToo && next === limit)) || this.queueFirst(next)) {
        this.passed(t);
        this.localRow = i;
        this.localNext = next;
        return true;
      }
      t = next;
    }
    this.passed(t);
    return false;
  }

  /** The local view passed rows up to one at time `t` (the clock never goes back). */
  private passed(t: number): void {
    this.lastLocal = t;
    if (t > this.time) this.time = t;
  }

  /** True when queued work must run before a local row at `next`. */
  private queueFirst(next: number): boolean {
    const qt = this.queue.peekTime();
    return qt < next || (qt === next && this.queue.peekPhase() < Phase.LOCAL_DATA);
  }

  /** Applies local row i (at the clock's time) to the local book and tells the strategy listeners. */
  private applyLocalRow(batch: EventBatch, i: number): void {
    // The row's time is read from the clock, not passed: a double argument is boxed on every call.
    const t = this.time;
    const k = batch.kind[i];
    const s = batch.side[i];
    if (k === TRADE) {
      if (this.tradeListeners.length > 0) {
        const print: TradePrint = {
          ts: t,
          side: s,
          price: tickOf(batch.price[i] * this.invTick),
          size: Math.round(batch.size[i] * this.invLot),
        };
        for (const l of this.tradeListeners) l(print);
      }
      return;
    }
    if (k === BBO || this.lazyLocal) return;
    const book = this.local;
    const p = Math.round(batch.price[i] * this.invTick);
    const q = Math.round(batch.size[i] * this.invLot);
    if (this.quoteListeners.length === 0) {
      book.apply(k, s, p, q);
      return;
    }
    const bb = book.bids.best();
    const bs = book.bids.bestSize();
    const ba = book.asks.best();
    const as = book.asks.bestSize();
    book.apply(k, s, p, q);
    if (
      !same(bb, book.bids.best()) ||
      bs !== book.bids.bestSize() ||
      !same(ba, book.asks.best()) ||
      as !== book.asks.bestSize()
    ) {
      for (const l of this.quoteListeners) l(t);
    }
  }
}

function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Ticks of a trade price: the integer when within 1e-6 of one, else the fractional value. */
function tickOf(q: number): number {
  const r = Math.round(q);
  return Math.abs(q - r) <= 1e-6 ? r : q;
}
