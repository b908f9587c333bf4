export { EventQueue, Phase } from './event-queue.ts';
export {
  type ExchangeListener,
  Kernel,
  type KernelOptions,
  type LocalMarket,
  type RunOptions,
  type RunStats,
  type TradePrint,
} from './kernel.ts';
export { randomStream } from './random.ts';
export { type ReplayStart, ReplayStarts } from './replay-start.ts';
