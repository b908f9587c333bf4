/**
 * Phases order events that share a time. The exchange applies market data before an order that
 * arrives then; strategies see data, then order reports, then their timers fire.
 */
export const Phase = {
  /** A market-data row applied by the exchange at ts_exch. */
  EXCHANGE_DATA: 0,
  /** One of our requests reaching the exchange. */
  ORDER_ARRIVAL: 1,
  /** A market-data row seen by the strategy at ts_local. */
  LOCAL_DATA: 2,
  /** An order event reaching the strategy. */
  ORDER_DELIVERY: 3,
  /** A strategy timer. */
  TIMER: 4,
} as const;
export type Phase = (typeof Phase)[keyof typeof Phase];

interface Entry {
  time: number;
  phase: number;
  seq: number;
  run: () => void;
}

/**
 * The kernel's one queue of scheduled work (order messages and timers), in the total order
 * (time, phase, sequence). A binary heap: market data does not pass through it, so it stays small.
 */
export class EventQueue {
  private heap: Entry[] = [];
  private seq = 0;
  /** Time of the first entry, Infinity when empty: kept, as the kernel asks for it every row. */
  private first = Number.POSITIVE_INFINITY;

  get size(): number {
    return this.heap.length;
  }

  /** Time of the first entry, Infinity when empty. */
  peekTime(): number {
    return this.first;
  }

  /** Phase of the first entry (only meaningful when not empty). */
  peekPhase(): number {
    return this.heap.length > 0 ? this.heap[0].phase : Number.POSITIVE_INFINITY;
  }

  /** Schedules `run`; returns its sequence number, unique and increasing. */
  push(time: number, phase: number, run: () => void): number {
    const e: Entry = { time, phase, seq: this.seq++, run };
    const h = this.heap;
    h.push(e);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(e, h[p])) break;
      h[i] = h[p];
      i = p;
    }
    h[i] = e;
    this.first = h[0].time;
    return e.seq;
  }

  /** Removes and returns the first entry's time and work. */
  pop(): Entry | undefined {
    const h = this.heap;
    if (h.length === 0) return undefined;
    const top = h[0];
    const last = h.pop() as Entry;
    if (h.length > 0) {
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        if (l >= n) break;
        const r = l + 1;
        const c = r < n && before(h[r], h[l]) ? r : l;
        if (!before(h[c], last)) break;
        h[i] = h[c];
        i = c;
      }
      h[i] = last;
    }
    this.first = h.length > 0 ? h[0].time : Number.POSITIVE_INFINITY;
    return top;
  }
}

function before(a: Entry, b: Entry): boolean {
  if (a.time !== b.time) return a.time < b.time;
  if (a.phase !== b.phase) return a.phase < b.phase;
  return a.seq < b.seq;
}
