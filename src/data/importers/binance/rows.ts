import type { InputLocation } from '../../../core/index.ts';
import { EventKind } from '../../schema.ts';
import { type EventRow, type Findings, type Grid, parseUnits } from '../../validate/index.ts';
import type { DiffMessage, Level, SnapshotMessage, TickerMessage, TradeMessage } from './messages.ts';

/** Turns Binance messages into market-event rows in grid units. */
export class BinanceRows {
  constructor(
    private readonly grid: Grid,
    private readonly findings: Findings,
  ) {}

  /** CLEAR both sides, then every snapshot level (bids, then asks). */
  snapshot(s: SnapshotMessage, tsExch: number, tsLocal: number, where: InputLocation): EventRow[] {
    const rows: EventRow[] = [{ tsExch, tsLocal, kind: EventKind.CLEAR, side: 0, price: 0, size: 0 }];
    this.levels(rows, s.bids, 1, EventKind.SNAPSHOT, tsExch, tsLocal, where);
    this.levels(rows, s.asks, -1, EventKind.SNAPSHOT, tsExch, tsLocal, where);
    return rows;
  }

  diff(d: DiffMessage, tsLocal: number, where: InputLocation): EventRow[] {
    const rows: EventRow[] = [];
    this.levels(rows, d.bids, 1, EventKind.DEPTH, d.exch, tsLocal, where);
    this.levels(rows, d.asks, -1, EventKind.DEPTH, d.exch, tsLocal, where);
    return rows;
  }

  /** `m` (buyer is maker) ⇒ the aggressor sold ⇒ side −1. */
  trade(t: TradeMessage, tsLocal: number, where: InputLocation): EventRow[] {
    return [
      {
        tsExch: t.exch,
        tsLocal,
        kind: EventKind.TRADE,
        side: t.buyerIsMaker ? -1 : 1,
        price: this.price(t.price, where),
        size: this.size(t.qty, where),
      },
    ];
  }

  bbo(b: TickerMessage, tsExch: number, tsLocal: number, where: InputLocation): EventRow[] {
    return [
      {
        tsExch,
        tsLocal,
        kind: EventKind.BBO,
        side: 1,
        price: this.price(b.bid, where),
        size: this.size(b.bidQty, where),
      },
      {
        tsExch,
        tsLocal,
        kind: EventKind.BBO,
        side: -1,
        price: this.price(b.ask, where),
        size: this.size(b.askQty, where),
      },
    ];
  }

  private levels(
    rows: EventRow[],
    levels: readonly Level[],
    side: 1 | -1,
    kind: number,
    tsExch: number,
    tsLocal: number,
    where: InputLocation,
  ): void {
    for (const [p, q] of levels) {
      const size = this.size(q, where);
      if (kind === EventKind.SNAPSHOT && size === 0) {
        this.findings.count('snapshot-empty-level');
        continue;
      }
      rows.push({ tsExch, tsLocal, kind, side, price: this.price(p, where), size });
    }
  }

  private price(text: string, where: InputLocation): number {
    return parseUnits(text, this.grid.priceDecimals, 'price', where);
  }

  private size(text: string, where: InputLocation): number {
    return parseUnits(text, this.grid.sizeDecimals, 'size', where);
  }
}
