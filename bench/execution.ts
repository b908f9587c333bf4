/**
 * The original specification's latency targets, measured with tinybench 6 on the execution layer
 * driven through an in-memory venue (so only execsim's own work is timed):
 * order submission < 1 ms, strategy selection < 5 ms, slippage calculation < 0.1 ms, ≥ 1,000 orders/s.
 * Run: npx tsx bench/execution.ts
 */
import { Bench } from 'tinybench';
import { L2Book } from '../src/book/index.ts';
import { Instrument, type OrderEvent } from '../src/core/index.ts';
import {
  type ExecutionContext,
  MarketConditionAnalyzer,
  type ParentOrder,
  route,
  SlippageController,
  startStrategy,
} from '../src/execution/index.ts';
import { emit, figure } from './lib/figures.ts';

const instrument = new Instrument({ venue: 'bench', symbol: 'B', tickSize: '0.1', lotSize: '0.001' });
const book = new L2Book();
for (let i = 1; i <= 50; i++) {
  book.apply(1, 1, 600_000 - i, 1_000 + i);
  book.apply(1, -1, 600_000 + i, 1_000 + i);
}
const now = 0;
let listeners: ((e: OrderEvent) => void)[] = [];
const timers: { at: number; fn: () => void }[] = [];
/** Answers every submit with an immediate fill, as a venue co-located with the strategy would. */
const ctx: ExecutionContext = {
  clock: { now: () => now, setTimer: (at, fn) => timers.push({ at, fn }), cancelTimer: () => {} },
  venue: {
    instrument,
    submit: (o) => {
      for (const l of listeners)
        l({
          ts: now,
          tsExch: now,
          id: o.id,
          event: 'fill',
          price: 600_001,
          size: o.size,
          leaves: 0,
          liquidity: 'taker',
          fee: '0',
        });
    },
    cancel: () => {},
    modify: () => {},
    onOrderEvent: (l) => {
      listeners.push(l);
    },
  },
  market: { instrument, book, onQuote: () => {}, onTrade: () => {} },
};

let n = 0;
function submitOne(): void {
  listeners = [];
  timers.length = 0;
  const parent: ParentOrder = {
    id: `P${++n}`,
    side: 1,
    sizeLots: 10,
    startUs: now,
    endUs: now + 60e6,
    urgency: 'CRITICAL',
  };
  startStrategy('AGGRESSIVE', ctx, parent, {});
  timers.shift()?.fn(); // the start timer: arrival, slippage check, child submission, fill
}
const analyzer = new MarketConditionAnalyzer(ctx.market);
const slippage = new SlippageController();
slippage.track('S', 1, 600_000);

const bench = new Bench({ time: 1_000 });
bench
  .add('order submission', submitOne)
  .add('strategy selection', () => {
    route(
      { id: 'R', side: 1, sizeLots: 5_000, startUs: 0, endUs: 1, urgency: 'MEDIUM' },
      analyzer.conditions(now),
    );
  })
  .add('slippage calculation', () => {
    slippage.checkSlippageLimit('S', 600_031);
    slippage.recordFill('S', now, 600_010, 1);
  });
await bench.run();
function p50(name: string): number {
  const r = bench.tasks.find((t) => t.name === name)?.result;
  if (!r || !('latency' in r)) throw new Error(`${name}: no result`);
  return r.latency.p50;
}
const submitMs = p50('order submission');
emit([
  figure('execution.order_submission_ms', submitMs, 'ms', { name: 'target 1 ms', value: 1 }),
  figure('execution.strategy_selection_ms', p50('strategy selection'), 'ms', {
    name: 'target 5 ms',
    value: 5,
  }),
  figure('execution.slippage_calculation_ms', p50('slippage calculation'), 'ms', {
    name: 'target 0.1 ms',
    value: 0.1,
  }),
  figure('execution.orders_per_s', 1_000 / submitMs, 'orders/s', {
    name: 'target 1,000 orders/s',
    value: 1_000,
  }),
]);
