import { InputError } from '../core/index.ts';

/**
 * How a decrease of the displayed size at our level, not explained by trades, moves our order
 * forward. `ahead` is the market quantity ahead of us (F), `displayed` the level's size before the
 * decrease (D), `decrease` the amount it fell (Δ); returns the new quantity ahead.
 */
export interface QueueModel {
  readonly name: string;
  onDecrease(ahead: number, displayed: number, decrease: number): number;
}

/** Nobody behind us ever cancels: Q only falls when the level shrinks below it. */
export const riskAverse: QueueModel = {
  name: 'risk-averse',
  onDecrease(ahead, displayed, decrease) {
    return Math.min(ahead, displayed - decrease);
  },
};

/**
 * Probabilistic models: a share p of the decrease is assumed to come from behind us (B = D − F), the
 * rest from ahead; Q ← min(F − (1 − p)·Δ, D − Δ), never below 0. The families differ in p:
 * - power(n):  p = Bⁿ / (Bⁿ + Fⁿ)
 * - power2(n): p = Bⁿ / (B + F)ⁿ
 * - power3(n): p = 1 − (F / (B + F))ⁿ
 * - log:       p = ln(1+B) / (ln(1+B) + ln(1+F))
 * - log2:      p = ln(1+B) / ln(1+B+F)
 * At the head (F = 0) p = 1 and Q stays 0; at the tail (B = 0) p = 0 and Q follows the level down.
 */
function probabilistic(name: string, share: (front: number, back: number) => number): QueueModel {
  return {
    name,
    onDecrease(ahead, displayed, decrease) {
      const back = Math.max(0, displayed - ahead);
      const p = ahead <= 0 ? 1 : back <= 0 ? 0 : share(ahead, back);
      return Math.max(0, Math.min(ahead - (1 - p) * decrease, displayed - decrease));
    },
  };
}

export const power = (n: number) => probabilistic(`power:${n}`, (f, b) => b ** n / (b ** n + f ** n));
export const power2 = (n: number) => probabilistic(`power2:${n}`, (f, b) => b ** n / (b + f) ** n);
export const power3 = (n: number) => probabilistic(`power3:${n}`, (f, b) => 1 - (f / (b + f)) ** n);
export const logQueue = probabilistic('log', (f, b) => Math.log1p(b) / (Math.log1p(b) + Math.log1p(f)));
export const log2Queue = probabilistic('log2', (f, b) => Math.log1p(b) / Math.log1p(b + f));

/** Parses `risk-averse`, `power:N`, `power2:N`, `power3:N`, `log`, `log2`. */
export function parseQueueModel(spec: string): QueueModel {
  if (spec === 'risk-averse') return riskAverse;
  if (spec === 'log') return logQueue;
  if (spec === 'log2') return log2Queue;
  const m = /^(power|power2|power3):(\d+(?:\.\d+)?)$/.exec(spec);
  if (m) {
    const n = Number(m[2]);
    if (n > 0) return m[1] === 'power' ? power(n) : m[1] === 'power2' ? power2(n) : power3(n);
  }
  throw new InputError(
    'bad-queue-model',
    `queue model '${spec}' is not one of risk-averse, power:N, power2:N, power3:N, log, log2`,
  );
}
