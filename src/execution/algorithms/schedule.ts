import { Algorithm } from '../algorithm.ts';
import { almgrenChriss } from '../almgren-chriss.ts';
import { numParam, type Params } from '../models.ts';

/**
 * Works a parent along a schedule of cumulative targets at evenly spaced slice times that start at
 * the parent's start and end one slice before its horizon, so the last slice is due before the
 * horizon ends. Targets are whole lots and the last one is the whole size. At each slice the child is
 * what the schedule asks minus what is done (so it catches up when behind): taken with a capped IOC,
 * or posted at the touch when the spread is wider than `maxSpreadBps` (slowing down), except in the
 * last slice. IOC residuals are retried every `retrySeconds` until the next slice.
 */
export abstract class ScheduleAlgorithm extends Algorithm {
  protected readonly sliceCount: number;
  private readonly maxSpreadBps: number;
  private readonly retryUs: number;
  private targets: number[] = [];
  private slice = -1;

  constructor(...args: ConstructorParameters<typeof Algorithm>) {
    super(...args);
    const p = this.params;
    const span = this.parent.endUs - this.parent.startUs;
    this.sliceCount =
      p.intervalSeconds !== undefined
        ? Math.max(1, Math.round(span / (numParam(p, 'intervalSeconds', 1, 0.000001) * 1e6)))
        : Math.round(numParam(p, 'slices', 10, 1, 10_000));
    this.maxSpreadBps = numParam(p, 'maxSpreadBps', Number.POSITIVE_INFINITY, 0);
    this.retryUs = numParam(p, 'retrySeconds', 1, 0.001) * 1e6;
    // Computed here so that bad schedule parameters fail when the strategy is created.
    this.targets = ScheduleAlgorithm.targetsOf(this.weights(), this.parent.sizeLots);
  }

  /** Cumulative fraction of the parent due after each slice (length = slices, last = 1). */
  protected abstract weights(): number[];

  /** Slice k's start time. */
  sliceTime(k: number): number {
    const span = this.parent.endUs - this.parent.startUs;
    return this.parent.startUs + Math.floor((k * span) / this.sliceCount);
  }

  /** Cumulative lots due after each slice: rounded down to whole lots, the last exactly the size. */
  static targetsOf(weights: number[], size: number): number[] {
    const t = weights.map((w) => Math.min(size, Math.floor(w * size + 1e-9)));
    t[t.length - 1] = size;
    for (let i = 1; i < t.length; i++) t[i] = Math.max(t[i], t[i - 1]);
    return t;
  }

  protected begin(): void {
    for (let k = 0; k < this.sliceCount; k++)
      this.ctx.clock.setTimer(this.sliceTime(k), () => this.runSlice(k));
  }

  /** Lots the schedule allows by slice k (VWAP caps it by participation). */
  protected allowed(k: number): number {
    return this.targets[k];
  }

  private runSlice(k: number): void {
    if (this.done) return;
    this.slice = k;
    this.cancelPassive();
    const behind = this.allowed(k) - (this.parent.sizeLots - this.unallocated());
    if (behind <= 0) return;
    const spread = this.ctx.market.book.spread();
    const mid = this.ctx.market.book.mid();
    const spreadBps = (spread / mid) * 10_000;
    const last = k === this.sliceCount - 1;
    if (!last && spreadBps > this.maxSpreadBps) {
      this.log.push({ ts: this.ctx.clock.now(), slice: k, slowedSpreadBps: Number(spreadBps.toFixed(4)) });
      this.post(behind, `slice ${k} (wide spread)`);
    } else this.take(behind, `slice ${k}`);
  }

  protected override onChildClosed(): void {
    if (this.done || this.slice < 0) return;
    const k = this.slice;
    const behind = this.allowed(k) - (this.parent.sizeLots - this.unallocated());
    if (behind <= 0) return;
    const at = this.ctx.clock.now() + this.retryUs;
    const until = k + 1 < this.sliceCount ? this.sliceTime(k + 1) : this.parent.endUs;
    if (at < until) this.ctx.clock.setTimer(at, () => this.slice === k && this.runSlice(k));
  }
}

/** Even schedule. */
export class Twap extends ScheduleAlgorithm {
  readonly name = 'TWAP';
  protected weights(): number[] {
    return Array.from({ length: this.sliceCount }, (_, k) => (k + 1) / this.sliceCount);
  }
}

/**
 * Schedule from a volume profile: `profile` gives the relative volume of each of `slices` equal
 * buckets of the horizon (built from history by the caller); flat without one. `maxParticipation`
 * caps what is due by that share of the market volume seen since the start (never in the last slice).
 */
export class Vwap extends ScheduleAlgorithm {
  readonly name = 'VWAP';
  private observed = 0;
  private readonly cap = numParam(this.params, 'maxParticipation', 1, 0.0001, 1);

  protected override begin(): void {
    if (this.cap < 1) this.ctx.market.onTrade((t) => (this.observed += t.size));
    super.begin();
  }

  protected weights(): number[] {
    const profile = profileParam(this.params, this.sliceCount);
    const total = profile.reduce((a, b) => a + b, 0);
    const out: number[] = [];
    let cum = 0;
    for (const v of profile) {
      cum += v;
      out.push(cum / total);
    }
    return out;
  }

  protected override allowed(k: number): number {
    const due = super.allowed(k);
    if (this.cap >= 1 || k === this.sliceCount - 1) return due;
    return Math.min(due, Math.floor(this.cap * this.observed));
  }
}

function profileParam(params: Params, slices: number): number[] {
  const p = params.profile;
  if (p === undefined) return Array.from({ length: slices }, () => 1);
  if (!Array.isArray(p) || p.length !== slices || p.some((x) => !(x >= 0)) || p.every((x) => x === 0)) {
    throw new RangeError(
      `parameter profile must be ${slices} non-negative volumes (one per slice), not all zero`,
    );
  }
  return p;
}

/**
 * Almgren–Chriss implementation shortfall: the closed-form optimal holdings over `slices` periods
 * (σ, η, γ, λ per period in the parameters sigma, eta, gamma, lambda) executed as a schedule.
 * λ = 0 is the straight line; larger λ front-loads.
 */
export class ImplementationShortfall extends ScheduleAlgorithm {
  readonly name = 'IS';
  protected weights(): number[] {
    const p = this.params;
    const ac = almgrenChriss({
      shares: 1,
      horizon: this.sliceCount,
      periods: this.sliceCount,
      sigma: numParam(p, 'sigma', 1, 0),
      eta: numParam(p, 'eta', 1, 0),
      gamma: numParam(p, 'gamma', 0, 0),
      epsilon: 0,
      lambda: numParam(p, 'lambda', 0.1, 0),
    });
    // Slice k trades n_{k+1}: what is due after it is 1 − x_{k+1}.
    return ac.holdings.slice(1).map((x) => 1 - x);
  }
}
