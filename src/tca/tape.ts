import { Decimal } from 'decimal.js';
import { L2Book } from '../book/index.ts';
import { type Instrument, IntegerSum } from '../core/index.ts';
import { type EventBatch, EventKind } from '../data/index.ts';
import { gridUnitsOf } from './exact-sum.ts';

/** Prices a tape keeps made (~100 bytes each). */
const PRICES_KEPT = 1 << 16;

/**
 * The market as TCA needs it: the best bid/ask over time (each change, at local time) and the
 * prints. Built once from market-event batches; lookups are binary searches.
 */
export class MarketTape {
  private quoteTs: number[] = [];
  private bids: number[] = [];
  private asks: number[] = [];
  private tradeTs: number[] = [];
  private tradePrice: number[] = [];
  private tradeSize: number[] = [];
  private readonly ticksOf: (price: number) => number;
  private readonly lotsOf: (size: number) => number;

  /** Sums of bid and ask ticks below which one product gives the mid exactly (see midOf). */
  private readonly exactMidBelow: number;

  /**
   * Prices already made, by tick count (half counts for mids): an analysis asks for the quote at
   * each fill and the mid at each markout horizon, and a window's prices keep to a few hundred
   * levels, the same for every strategy and seed run on it. Decimals are immutable, so they are
   * shared; cleared when full.
   */
  private readonly prices = new Map<number, Decimal>();

  constructor(readonly instrument: Instrument) {
    this.ticksOf = gridUnitsOf(instrument.tickSize);
    this.lotsOf = gridUnitsOf(instrument.lotSize);
    // A half-integer number of ticks is exact as a double below 2^53, and its product with the tick
    // size is exact while their digits fit the Decimal precision.
    this.exactMidBelow = Math.min(2 ** 53, 10 ** (Decimal.precision - 1 - instrument.tickSize.sd()));
  }

  static async fromBatches(
    instrument: Instrument,
    batches: Iterable<EventBatch> | AsyncIterable<EventBatch>,
  ): Promise<MarketTape> {
    const tape = new MarketTape(instrument);
    const book = new L2Book();
    const invTick = 1 / instrument.tick;
    const invLot = 1 / instrument.lot;
    let bb = Number.NaN;
    let ba = Number.NaN;
    for await (const b of batches) {
      for (let i = 0; i < b.length; i++) {
        const k = b.kind[i];
        if (k === EventKind.TRADE) {
          tape.tradeTs.push(b.tsLocal[i]);
          tape.tradePrice.push(b.price[i]);
          tape.tradeSize.push(b.size[i]);
          continue;
        }
        if (k === EventKind.BBO) continue;
        book.apply(k, b.side[i], Math.round(b.price[i] * invTick), Math.round(b.size[i] * invLot));
        const nb = book.bestBid();
        const na = book.bestAsk();
        if (nb !== bb || na !== ba) {
          bb = nb;
          ba = na;
          const t = b.tsLocal[i];
          if (tape.quoteTs.length > 0 && tape.quoteTs[tape.quoteTs.length - 1] === t) {
            tape.bids[tape.bids.length - 1] = nb;
            tape.asks[tape.asks.length - 1] = na;
          } else {
            tape.quoteTs.push(t);
            tape.bids.push(nb);
            tape.asks.push(na);
          }
        }
      }
    }
    return tape;
  }

  get quotes(): number {
    return this.quoteTs.length;
  }

  /** Index of the last quote at or before ts, −1 if none. */
  private quoteIndex(ts: number): number {
    let lo = 0;
    let hi = this.quoteTs.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const m = (lo + hi) >> 1;
      if (this.quoteTs[m] <= ts) {
        ans = m;
        lo = m + 1;
      } else hi = m - 1;
    }
    return ans;
  }

  /** Best bid and ask (quote units) in force at ts; undefined when either side is empty. */
  quoteAt(ts: number): { bid: Decimal; ask: Decimal; mid: Decimal } | undefined {
    const i = this.twoSidedAt(ts);
    if (i < 0) return undefined;
    const bid = this.priceOfTicks(this.bids[i]);
    const ask = this.priceOfTicks(this.asks[i]);
    return { bid, ask, mid: this.midOf(i) };
  }

  /** instrument.ticksToDecimal(ticks), made once per count while the memo has room. */
  private priceOfTicks(ticks: number): Decimal {
    // A zero goes round the memo: its key cannot tell 0 from -0, whose Decimals differ in sign.
    if (ticks === 0) return this.instrument.ticksToDecimal(ticks);
    let price = this.prices.get(ticks);
    if (price === undefined) {
      if (this.prices.size >= PRICES_KEPT) this.prices.clear();
      price = this.instrument.ticksToDecimal(ticks);
      this.prices.set(ticks, price);
    }
    return price;
  }

  /**
   * The mid of quote i: bid and ask as Decimals, added and halved. The book's prices are whole
   * ticks, so while their sum is below exactMidBelow every step of that is exact, and one product
   * of the half-sum gives the same value with one Decimal operation instead of four.
   */
  private midOf(i: number): Decimal {
    const sum = this.bids[i] + this.asks[i];
    if (sum < this.exactMidBelow) return this.priceOfTicks(sum / 2);
    return this.priceOfTicks(this.bids[i]).add(this.priceOfTicks(this.asks[i])).div(2);
  }

  /**
   * Best bid/ask changes in [from, to] as numbers (quote units), at most `maxPoints` of them: long
   * series are thinned by keeping every k-th change, deterministically.
   */
  quotesBetween(from: number, to: number, maxPoints: number): { ts: number; bid: number; ask: number }[] {
    const first = Math.max(0, this.quoteIndex(from));
    let last = first;
    while (last < this.quoteTs.length && this.quoteTs[last] <= to) last++;
    const step = Math.max(1, Math.ceil((last - first) / maxPoints));
    const out: { ts: number; bid: number; ask: number }[] = [];
    for (let i = first; i < last; i += step) {
      if (Number.isNaN(this.bids[i]) || Number.isNaN(this.asks[i])) continue;
      out.push({
        ts: Math.max(from, this.quoteTs[i]),
        bid: this.bids[i] * this.instrument.tick,
        ask: this.asks[i] * this.instrument.tick,
      });
    }
    return out;
  }

  midAt(ts: number): Decimal | undefined {
    const i = this.twoSidedAt(ts);
    return i < 0 ? undefined : this.midOf(i);
  }

  /** The quote in force at ts when both sides are known, else −1. */
  private twoSidedAt(ts: number): number {
    const i = this.quoteIndex(ts);
    return i < 0 || Number.isNaN(this.bids[i]) || Number.isNaN(this.asks[i]) ? -1 : i;
  }

  /**
   * Time-weighted mean of the mid over [from, to]; undefined when no mid is known there. Exact:
   * Σ (bid + ask) × µs is summed in integers, and only the total becomes a Decimal.
   */
  twapMid(from: number, to: number): Decimal | undefined {
    if (to <= from) return this.midAt(from);
    let i = this.quoteIndex(from);
    let t = from;
    const acc = new IntegerSum();
    let covered = 0;
    while (t < to) {
      const next = i + 1 < this.quoteTs.length ? Math.min(this.quoteTs[i + 1], to) : to;
      if (i >= 0 && !Number.isNaN(this.bids[i]) && !Number.isNaN(this.asks[i]) && next > t) {
        acc.addProduct(this.bids[i] + this.asks[i], next - t);
        covered += next - t;
      }
      t = next;
      i++;
    }
    return covered > 0 ? acc.toDecimal().mul(this.instrument.tickSize).div(2).div(covered) : undefined;
  }

  /**
   * Volume-weighted price and volume of the prints in [from, to], exact: prints on the tick and lot
   * grids are summed in integers (ticks × lots), any other print as Decimals, as it reads.
   */
  vwap(from: number, to: number): { vwap: Decimal; volume: Decimal } | undefined {
    let lo = 0;
    let hi = this.tradeTs.length;
    while (lo < hi) {
      const m = (lo + hi) >> 1;
      if (this.tradeTs[m] < from) lo = m + 1;
      else hi = m;
    }
    const onGrid = new IntegerSum();
    const onGridLots = new IntegerSum();
    let notional = new Decimal(0);
    let volume = new Decimal(0);
    for (let i = lo; i < this.tradeTs.length && this.tradeTs[i] <= to; i++) {
      const ticks = this.ticksOf(this.tradePrice[i]);
      const lots = this.lotsOf(this.tradeSize[i]);
      if (Number.isNaN(ticks) || Number.isNaN(lots)) {
        const q = new Decimal(this.tradeSize[i]);
        notional = notional.add(new Decimal(this.tradePrice[i]).mul(q));
        volume = volume.add(q);
        continue;
      }
      onGrid.addProduct(ticks, lots);
      onGridLots.add(lots);
    }
    const { tickSize, lotSize } = this.instrument;
    notional = notional.add(onGrid.toDecimal().mul(tickSize).mul(lotSize));
    volume = volume.add(onGridLots.toDecimal().mul(lotSize));
    return volume.isZero() ? undefined : { vwap: notional.div(volume), volume };
  }
}
