import { Algorithm } from '../algorithm.ts';
import { numParam } from '../models.ts';

/**
 * Multi-signal: at each decision (every horizon/`decisions`) it reads the spread, the top-of-book
 * imbalance, the short-term momentum of the mid, its realised volatility and how far the order is
 * behind an even schedule, and sends what is behind either as a capped IOC (aggressive) or post-only
 * at the touch (passive). Every decision's signals are logged for the report.
 *
 * score = 2·behind/size + momentum_bps/10 + imbalance/2 − spread_bps/20 − volatility_bps/50, where
 * momentum and imbalance are signed so that positive means the price is moving against us. score >
 * `threshold` (default 0.25), or the last decision, is aggressive.
 */
export class Adaptive extends Algorithm {
  readonly name = 'ADAPTIVE';
  private readonly decisions = Math.round(numParam(this.params, 'decisions', 20, 1, 10_000));
  private readonly threshold = numParam(this.params, 'threshold', 0.25);
  private lastMid = Number.NaN;
  private returns: number[] = [];
  private k = 0;

  protected begin(): void {
    this.lastMid = this.ctx.market.book.mid();
    this.decide();
  }

  private at(k: number): number {
    return this.parent.startUs + Math.floor((k * (this.parent.endUs - this.parent.startUs)) / this.decisions);
  }

  private decide(): void {
    if (this.done) return;
    const book = this.ctx.market.book;
    const side = this.parent.side;
    const mid = book.mid();
    const spreadBps = (book.spread() / mid) * 10_000;
    const bidSize = book.bids.bestSize();
    const askSize = book.asks.bestSize();
    const imbalance = bidSize + askSize > 0 ? (side * (bidSize - askSize)) / (bidSize + askSize) : 0;
    const ret =
      Number.isFinite(this.lastMid) && this.lastMid > 0 ? ((mid - this.lastMid) / this.lastMid) * 10_000 : 0;
    const momentum = side * ret;
    if (Number.isFinite(ret)) this.returns.push(ret);
    if (this.returns.length > 20) this.returns.shift();
    const m = this.returns.reduce((a, b) => a + b, 0) / Math.max(1, this.returns.length);
    const volatility = Math.sqrt(
      this.returns.reduce((a, r) => a + (r - m) ** 2, 0) / Math.max(1, this.returns.length),
    );
    this.lastMid = mid;
    const due = Math.floor(((this.k + 1) * this.parent.sizeLots) / this.decisions);
    const done = this.parent.sizeLots - this.unallocated();
    const behind = (this.k === this.decisions - 1 ? this.parent.sizeLots : due) - done;
    const last = this.k === this.decisions - 1;
    const score =
      (2 * behind) / this.parent.sizeLots + momentum / 10 + imbalance / 2 - spreadBps / 20 - volatility / 50;
    const aggressive = last || score > this.threshold;
    this.log.push({
      ts: this.ctx.clock.now(),
      decision: this.k,
      spreadBps: round(spreadBps),
      imbalance: round(imbalance),
      momentumBps: round(momentum),
      volatilityBps: round(volatility),
      behindLots: behind,
      score: round(score),
      action: behind <= 0 ? 'wait' : aggressive ? 'aggressive' : 'passive',
    });
    this.cancelPassive();
    if (behind > 0) {
      if (aggressive) this.take(behind, `decision ${this.k}`);
      else this.post(behind, `decision ${this.k}`);
    }
    this.k++;
    if (this.k < this.decisions) this.ctx.clock.setTimer(this.at(this.k), () => this.decide());
  }

  /** After the last decision, what an IOC could not get is retried each second until the horizon. */
  protected override onChildClosed(): void {
    if (this.done || this.k < this.decisions || this.unallocated() <= 0) return;
    const at = this.ctx.clock.now() + 1_000_000;
    if (at < this.parent.endUs)
      this.ctx.clock.setTimer(at, () => !this.done && this.take(this.unallocated(), 'final retry'));
  }
}

function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toFixed(4)) : 0;
}
