import { formatTime, InputError, type InputLocation } from '../../core/index.ts';
import { EventKind } from '../schema.ts';
import type { Findings, RepairRule } from './findings.ts';
import { formatUnits, type Grid } from './grid.ts';
import { SortedLevels } from './sorted-levels.ts';

/** One market-event row with price and size in grid units (integers; see Grid). */
export interface EventRow {
  tsExch: number;
  tsLocal: number;
  kind: number;
  side: number;
  price: number;
  size: number;
}

/** Where checked rows go (a batch builder, a test collector). */
export interface RowOutput {
  push(row: EventRow): void;
}

export interface CheckerOptions {
  grid: Grid;
  findings: Findings;
  repairs?: ReadonlySet<RepairRule>;
  /** Trades may print between ticks (LOBSTER hidden executions); counted as `sub-tick-trade`. */
  allowSubTickTrades?: boolean;
  /** How a crossed book could be repaired, named in its error (default: the importers' flag). */
  uncrossHint?: string;
}

/**
 * Checks a stream of rows, grouped by the input record they came from (a message, a CSV line):
 * times are integers and local time never goes back, sizes are numbers and not negative, book
 * prices and all sizes lie on the grid, and — once a snapshot has been seen — the book is not
 * crossed at the end of any group. Groups are the unit because one exchange message may move both
 * sides (a bid up and an ask away) and is only meaningful as a whole.
 *
 * A crossed book is an error (rule `crossed-book`) unless the `uncross` repair is on: then, while
 * the best bid ≥ the best ask, the older of the two best levels (set by an earlier group) is stale
 * and is deleted with an explicit DEPTH row of size 0, counted as `uncross-removed-level`.
 */
export class EventChecker {
  private readonly grid: Grid;
  private readonly findings: Findings;
  private readonly uncross: boolean;
  private readonly allowSubTickTrades: boolean;
  private readonly bids = new SortedLevels(1);
  private readonly asks = new SortedLevels(-1);
  private lastLocal = Number.NEGATIVE_INFINITY;
  private seenSnapshot = false;
  private group = 0;
  private where: InputLocation = {};
  private bookTouched = false;
  /** The row that last changed the book in this group, when rows name themselves. */
  private lastTouch: InputLocation | undefined;
  private readonly uncrossHint: string;
  private lastExch = 0;
  private emitted = 0;

  constructor(
    private readonly out: RowOutput,
    options: CheckerOptions,
  ) {
    this.grid = options.grid;
    this.findings = options.findings;
    this.uncross = options.repairs?.has('uncross') ?? false;
    this.allowSubTickTrades = options.allowSubTickTrades ?? false;
    this.uncrossHint = options.uncrossHint ?? 'repair: --repair uncross';
  }

  /** Rows passed on so far (repair rows included). */
  get rows(): number {
    return this.emitted;
  }

  begin(where: InputLocation): void {
    this.group++;
    this.where = where;
    this.bookTouched = false;
    this.lastTouch = undefined;
  }

  /** Checks and passes on one row; `at` names the row itself in errors (default: the group). */
  row(r: EventRow, at?: InputLocation): void {
    const where = at ?? this.where;
    if (!Number.isSafeInteger(r.tsLocal) || !Number.isSafeInteger(r.tsExch)) {
      throw new InputError('bad-time', `time ${r.tsExch}/${r.tsLocal} is not an integer count of µs`, where);
    }
    if (r.tsLocal < this.lastLocal) {
      throw new InputError(
        'unsorted-time',
        `local time ${formatTime(r.tsLocal)} is before the previous row's ${formatTime(this.lastLocal)}`,
        where,
      );
    }
    this.lastLocal = r.tsLocal;
    this.lastExch = r.tsExch;
    const kind = r.kind;
    if (kind === EventKind.CLEAR) {
      checkSide(r.side, true, where);
      if (r.side >= 0) this.bids.clear();
      if (r.side <= 0) this.asks.clear();
      this.seenSnapshot = true;
      this.bookTouched = true;
      this.lastTouch = at;
      this.pass(r);
      return;
    }
    if (kind < EventKind.DEPTH || kind > EventKind.BBO || !Number.isInteger(kind)) {
      throw new InputError('bad-kind', `row kind ${kind} is not one of 1..5`, where);
    }
    checkSide(r.side, kind === EventKind.TRADE, where);
    this.checkPriceSize(r, where);
    if (kind === EventKind.DEPTH || kind === EventKind.SNAPSHOT) {
      (r.side > 0 ? this.bids : this.asks).set(r.price, r.size, this.group);
      this.bookTouched = true;
      this.lastTouch = at;
    }
    this.pass(r);
  }

  /** Ends the current group: the book must not be crossed now (or is repaired, if allowed). */
  end(): void {
    if (!this.seenSnapshot || !this.bookTouched) return;
    let repaired = false;
    for (;;) {
      const bid = this.bids.best();
      const ask = this.asks.best();
      if (!(bid >= ask)) break;
      const bidStamp = this.bids.stampAtLevel(0);
      const askStamp = this.asks.stampAtLevel(0);
      const what = `best bid ${this.price(bid)} >= best ask ${this.price(ask)} at ${formatTime(this.lastLocal)}`;
      if (!this.uncross) {
        // Named at the row after which the group's book stood crossed, when rows name themselves.
        throw new InputError('crossed-book', `${what} (${this.uncrossHint})`, this.lastTouch ?? this.where);
      }
      if (bidStamp === askStamp) {
        throw new InputError(
          'crossed-book',
          `${what}; both levels were set by the same update, so neither is stale`,
          this.where,
        );
      }
      const staleSide = bidStamp < askStamp ? 1 : -1;
      const stalePrice = staleSide > 0 ? bid : ask;
      (staleSide > 0 ? this.bids : this.asks).set(stalePrice, 0);
      this.pass({
        tsExch: this.lastExch,
        tsLocal: this.lastLocal,
        kind: EventKind.DEPTH,
        side: staleSide,
        price: stalePrice,
        size: 0,
      });
      this.findings.count('uncross-removed-level');
      repaired = true;
    }
    if (repaired) this.findings.count('crossed-book');
  }

  private checkPriceSize(r: EventRow, where: InputLocation): void {
    const { grid } = this;
    if (!Number.isFinite(r.price) || !Number.isFinite(r.size)) {
      throw new InputError('not-a-number', `price ${r.price} or size ${r.size} is not a number`, where);
    }
    if (r.size < 0) {
      throw new InputError('negative-size', `size ${this.size(r.size)} is negative`, where);
    }
    if (r.price <= 0) {
      throw new InputError('bad-price', `price ${this.price(r.price)} is not positive`, where);
    }
    if (r.price % grid.tickUnits !== 0) {
      if (r.kind === EventKind.TRADE && this.allowSubTickTrades) this.findings.count('sub-tick-trade');
      else {
        throw new InputError(
          'off-grid',
          `price ${this.price(r.price)} is not a multiple of the tick ${this.price(grid.tickUnits)}`,
          where,
        );
      }
    }
    if (r.size % grid.lotUnits !== 0) {
      throw new InputError(
        'off-grid',
        `size ${this.size(r.size)} is not a multiple of the lot ${this.size(grid.lotUnits)}`,
        where,
      );
    }
  }

  private pass(r: EventRow): void {
    this.out.push(r);
    this.emitted++;
  }

  private price(units: number): string {
    return formatUnits(units, this.grid.priceDecimals, this.grid.shownPriceDecimals);
  }

  private size(units: number): string {
    return formatUnits(units, this.grid.sizeDecimals, this.grid.shownSizeDecimals);
  }
}

function checkSide(side: number, zeroAllowed: boolean, where: InputLocation): void {
  if (side === 1 || side === -1 || (zeroAllowed && side === 0)) return;
  throw new InputError('bad-side', `side ${side} is not ${zeroAllowed ? '-1, 0 or +1' : '-1 or +1'}`, where);
}
