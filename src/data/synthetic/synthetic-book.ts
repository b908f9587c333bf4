import { EventKind } from '../schema.ts';

type Emit = (kind: number, side: number, ticks: number, lots: number) => void;

/** Mean distance from the touch, in ticks, of a depth update (geometric: most land at the touch). */
const MEAN_UPDATE_DISTANCE = 3;
const MAX_UPDATE_DISTANCE = 120;
/** Levels further than this from their touch are deleted (with DEPTH rows), keeping the book small. */
const PRUNE_DISTANCE = 400;
const PRUNE_EVERY_STEPS = 4096;
/** Mean resting size at the touch and mean traded size, in lots. */
const MEAN_LEVEL_LOTS = 150;
const MEAN_TRADE_LOTS = 40;

/**
 * The generator's own book, on integer ticks and lots, driving which rows are emitted. Every change
 * is emitted as a row through `onRow`, so replaying the rows rebuilds exactly this book. Both sides
 * always keep at least one level, and the best bid stays below the best ask.
 */
export class SyntheticBook {
  onRow: Emit = () => {};
  private readonly bids = new Map<number, number>();
  private readonly asks = new Map<number, number>();
  private bestBid: number;
  private bestAsk: number;
  private steps = 0;

  constructor(
    private readonly rnd: () => number,
    midTicks: number,
  ) {
    this.bestBid = Math.max(1, midTicks);
    this.bestAsk = this.bestBid + 1;
  }

  /** Emits the opening snapshot: `levels` candidate prices per side, the touch always present. */
  snapshot(levels: number): void {
    for (const side of [1, -1]) {
      const best = side > 0 ? this.bestBid : this.bestAsk;
      for (let d = 0; d < levels; d++) {
        const p = best - side * d;
        if (p < 1 || (d > 0 && this.rnd() < 0.2)) continue;
        const lots = this.drawLevelLots(d);
        this.map(side).set(p, lots);
        this.onRow(EventKind.SNAPSHOT, side, p, lots);
      }
    }
  }

  /** One market event: a depth change, an improvement, a trade, a cancel at the touch or a BBO. */
  step(): void {
    if (++this.steps % PRUNE_EVERY_STEPS === 0) this.prune();
    const u = this.rnd();
    const side = this.rnd() < 0.5 ? 1 : -1;
    if (u < 0.55) this.updateNearTouch(side);
    else if (u < 0.7) this.improve(side);
    else if (u < 0.9) this.trade(side);
    else if (u < 0.95) this.cancelTouch(side);
    else {
      this.onRow(EventKind.BBO, 1, this.bestBid, this.bids.get(this.bestBid) as number);
      this.onRow(EventKind.BBO, -1, this.bestAsk, this.asks.get(this.bestAsk) as number);
    }
  }

  private map(side: number): Map<number, number> {
    return side > 0 ? this.bids : this.asks;
  }

  private best(side: number): number {
    return side > 0 ? this.bestBid : this.bestAsk;
  }

  private drawLevelLots(distance: number): number {
    const mean = MEAN_LEVEL_LOTS * (1 + distance / 10);
    return 1 + Math.floor(-Math.log(1 - this.rnd()) * mean);
  }

  private set(side: number, price: number, lots: number): void {
    const m = this.map(side);
    if (lots > 0) {
      m.set(price, lots);
      if (side > 0 ? price > this.bestBid : price < this.bestAsk) {
        if (side > 0) this.bestBid = price;
        else this.bestAsk = price;
      }
    } else {
      m.delete(price);
      if (price === this.best(side)) {
        // Another level rests behind it: callers never delete the last level of a side.
        let p = price - side;
        while (!m.has(p)) p -= side;
        if (side > 0) this.bestBid = p;
        else this.bestAsk = p;
      }
    }
    this.onRow(EventKind.DEPTH, side, price, lots);
  }

  /** Adds, resizes or deletes a level at a geometric distance behind the touch. */
  private updateNearTouch(side: number): void {
    const d = Math.min(MAX_UPDATE_DISTANCE, Math.floor(-Math.log(1 - this.rnd()) * MEAN_UPDATE_DISTANCE));
    const price = this.best(side) - side * d;
    if (price < 1) return;
    const m = this.map(side);
    const old = m.get(price) ?? 0;
    if (old === 0) this.set(side, price, this.drawLevelLots(d));
    else if (this.rnd() < 0.3 && m.size > 1) this.set(side, price, 0);
    else this.set(side, price, Math.max(1, Math.round(old * (0.5 + this.rnd()))));
  }

  /**
   * A new level anywhere inside the spread, when it is wider than a tick: quotes jumping into a wide
   * spread are what pulls it back after trades and cancels empty the touch.
   */
  private improve(side: number): void {
    const gap = this.bestAsk - this.bestBid - 1;
    if (gap < 1) {
      this.updateNearTouch(side);
      return;
    }
    this.set(side, this.best(side) + side * (1 + Math.floor(this.rnd() * gap)), this.drawLevelLots(0));
  }

  /**
   * A trade by an aggressor on `aggressor`'s side at the opposite touch, never more than rests there,
   * followed by the depth row it implies. The last level of a side is never emptied.
   */
  private trade(aggressor: number): void {
    const resting = -aggressor;
    const m = this.map(resting);
    const price = this.best(resting);
    const have = m.get(price) as number;
    let lots = 1 + Math.floor(-Math.log(1 - this.rnd()) * MEAN_TRADE_LOTS);
    if (lots >= have) lots = m.size > 1 || have === 1 ? have : have - 1;
    if (m.size === 1 && lots === have) {
      this.updateNearTouch(resting);
      return;
    }
    this.onRow(EventKind.TRADE, aggressor, price, lots);
    this.set(resting, price, have - lots);
  }

  private cancelTouch(side: number): void {
    if (this.map(side).size > 1) this.set(side, this.best(side), 0);
    else this.updateNearTouch(side);
  }

  private prune(): void {
    for (const side of [1, -1]) {
      const best = this.best(side);
      for (const p of [...this.map(side).keys()]) {
        if ((best - p) * side > PRUNE_DISTANCE) this.set(side, p, 0);
      }
    }
  }
}
