import type { BookReader } from '../book/index.ts';
import type { MarketDataView, TradeTick } from './ports.ts';

export interface MarketConditions {
  spreadTicks: number;
  spreadBps: number;
  midTicks: number;
  /** Lots on the best `levels` levels of each side. */
  bidDepth: number;
  askDepth: number;
  /** (bid depth − ask depth)/(bid depth + ask depth), in [−1, 1]. */
  imbalance: number;
  /** 0…1: depth against the spread; 1 is deep and tight. */
  liquidityScore: number;
  /** Standard deviation of mid returns between samples, bps. */
  volatilityBps: number;
  /** Market volume printed over the window, lots, and per second. */
  recentVolume: number;
  tradeRate: number;
}

/**
 * Market conditions from the live book and tape. Trades and mid samples are kept for a rolling
 * window; the update per trade is O(1) amortised and nothing is allocated per book change.
 */
export class MarketConditionAnalyzer {
  private readonly tradeTs: number[] = [];
  private readonly tradeSize: number[] = [];
  private head = 0;
  private volume = 0;
  private readonly mids: number[] = [];
  private lastSampleUs = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly market: MarketDataView,
    private readonly windowUs = 60_000_000,
    private readonly levels = 5,
    private readonly sampleUs = 1_000_000,
  ) {
    market.onTrade((t) => this.onTrade(t));
    market.onQuote((ts) => this.sample(ts));
  }

  private onTrade(t: TradeTick): void {
    this.tradeTs.push(t.ts);
    this.tradeSize.push(t.size);
    this.volume += t.size;
    this.expire(t.ts);
  }

  private expire(now: number): void {
    while (this.head < this.tradeTs.length && this.tradeTs[this.head] < now - this.windowUs) {
      this.volume -= this.tradeSize[this.head];
      this.head++;
    }
    if (this.head > 4096 && this.head * 2 > this.tradeTs.length) {
      this.tradeTs.splice(0, this.head);
      this.tradeSize.splice(0, this.head);
      this.head = 0;
    }
  }

  private sample(ts: number): void {
    if (ts - this.lastSampleUs < this.sampleUs) return;
    this.lastSampleUs = ts;
    const m = this.market.book.mid();
    if (!Number.isFinite(m)) return;
    this.mids.push(m);
    if (this.mids.length > Math.ceil(this.windowUs / this.sampleUs)) this.mids.shift();
  }

  conditions(now: number): MarketConditions {
    this.expire(now);
    const book: BookReader = this.market.book;
    const mid = book.mid();
    const spread = book.spread();
    const bidDepth = book.bids.depth(this.levels);
    const askDepth = book.asks.depth(this.levels);
    let vol = 0;
    if (this.mids.length > 2) {
      const r: number[] = [];
      for (let i = 1; i < this.mids.length; i++)
        r.push(((this.mids[i] - this.mids[i - 1]) / this.mids[i - 1]) * 10_000);
      const m = r.reduce((a, b) => a + b, 0) / r.length;
      vol = Math.sqrt(r.reduce((a, x) => a + (x - m) ** 2, 0) / r.length);
    }
    const depth = bidDepth + askDepth;
    return {
      spreadTicks: spread,
      spreadBps: (spread / mid) * 10_000,
      midTicks: mid,
      bidDepth,
      askDepth,
      imbalance: depth > 0 ? (bidDepth - askDepth) / depth : 0,
      liquidityScore: depth > 0 && spread > 0 ? depth / (depth + spread * this.levels) : 0,
      volatilityBps: vol,
      recentVolume: this.volume,
      tradeRate: this.volume / (this.windowUs / 1e6),
    };
  }

  /** Cost of taking `lots` on `side` now by walking the visible book, bps vs the mid (NaN if it cannot fill). */
  impactByBookBps(side: 1 | -1, lots: number): number {
    const book = this.market.book;
    const w = book.walk(side, lots);
    if (w.filled < lots) return Number.NaN;
    const mid = book.mid();
    return ((side * (w.cost / w.filled - mid)) / mid) * 10_000;
  }

  /** Square-root model: Y·σ·√(Q/V) in bps, σ the volatility in bps over the horizon, V the volume there. */
  static impactSqrtBps(lots: number, volatilityBps: number, volume: number, y = 1): number {
    return volume > 0 ? y * volatilityBps * Math.sqrt(lots / volume) : Number.NaN;
  }
}
