import { InputError } from '../core/index.ts';

/** What a message on the order link is. */
export type RequestKind = 'submit' | 'cancel' | 'modify';

/**
 * Latency of the order link in µs. `entry` is strategy → exchange for a request sent at local time
 * t; a negative entry means the venue rejects the request (recorded rejections). `response` is
 * exchange → strategy for an answer produced at exchange time t.
 */
export interface LatencyModel {
  entry(kind: RequestKind, t: number): number;
  response(kind: RequestKind, t: number): number;
}

export class ConstantLatency implements LatencyModel {
  constructor(
    private readonly entryUs: number,
    private readonly responseUs: number,
  ) {}
  entry(): number {
    return this.entryUs;
  }
  response(): number {
    return this.responseUs;
  }
}

/** Separate constant latencies per request type. */
export class PerRequestLatency implements LatencyModel {
  constructor(private readonly table: Record<RequestKind, { entryUs: number; responseUs: number }>) {}
  entry(kind: RequestKind): number {
    return this.table[kind].entryUs;
  }
  response(kind: RequestKind): number {
    return this.table[kind].responseUs;
  }
}

/** One recorded round trip: when the request was sent, reached the exchange, and was answered. */
export interface LatencySample {
  requestUs: number;
  /** Negative: the venue rejected this request. */
  exchangeUs: number;
  responseUs: number;
}

/**
 * Latencies interpolated linearly in time from a recorded table of round trips (sorted by request
 * time). Between two samples the entry and response latencies are interpolated; outside the table
 * the nearest sample holds. A sample with a negative exchange time marks a rejection: a request
 * whose nearest earlier sample was rejected gets a negative entry latency.
 */
export class RecordedLatency implements LatencyModel {
  private readonly req: Float64Array;
  private readonly ent: Float64Array;
  private readonly resp: Float64Array;
  private readonly rejected: Uint8Array;

  constructor(samples: readonly LatencySample[]) {
    if (samples.length === 0) throw new InputError('bad-latency', 'the latency table is empty');
    const n = samples.length;
    this.req = new Float64Array(n);
    this.ent = new Float64Array(n);
    this.resp = new Float64Array(n);
    this.rejected = new Uint8Array(n);
    samples.forEach((s, i) => {
      if (i > 0 && s.requestUs < samples[i - 1].requestUs) {
        throw new InputError('unsorted-time', `latency sample ${i + 1} is earlier than the one before`);
      }
      this.req[i] = s.requestUs;
      const rej = s.exchangeUs < 0;
      this.rejected[i] = rej ? 1 : 0;
      this.ent[i] = rej ? 0 : s.exchangeUs - s.requestUs;
      this.resp[i] = rej ? s.responseUs - s.requestUs : s.responseUs - s.exchangeUs;
    });
  }

  entry(_kind: RequestKind, t: number): number {
    const i = this.floor(t);
    if (i >= 0 && this.rejected[i]) return -1;
    return this.interp(this.ent, t, i);
  }

  response(_kind: RequestKind, t: number): number {
    return this.interp(this.resp, t, this.floor(t));
  }

  /** Index of the last sample with request time ≤ t, −1 if none. */
  private floor(t: number): number {
    let lo = 0;
    let hi = this.req.length - 1;
    let ans = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.req[mid] <= t) {
        ans = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    return ans;
  }

  private interp(values: Float64Array, t: number, i: number): number {
    if (i < 0) return values[0];
    if (i >= this.req.length - 1) return values[this.req.length - 1];
    const t0 = this.req[i];
    const t1 = this.req[i + 1];
    const w = t1 === t0 ? 0 : (t - t0) / (t1 - t0);
    return Math.round(values[i] + w * (values[i + 1] - values[i]));
  }
}
