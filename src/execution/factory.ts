import type { Algorithm } from './algorithm.ts';
import { Adaptive } from './algorithms/adaptive.ts';
import { Aggressive } from './algorithms/aggressive.ts';
import { Passive } from './algorithms/passive.ts';
import { Pov } from './algorithms/pov.ts';
import { ImplementationShortfall, Twap, Vwap } from './algorithms/schedule.ts';
import { MarketConditionAnalyzer } from './analyzer.ts';
import type { ExecutionContext, ExecutionResult, Params, ParentOrder } from './models.ts';
import { route } from './router.ts';
import type { SlippageController } from './slippage-controller.ts';

export const STRATEGIES = [
  'AGGRESSIVE',
  'PASSIVE',
  'TWAP',
  'VWAP',
  'POV',
  'ADAPTIVE',
  'IS',
  'ROUTER',
] as const;
export type StrategyName = (typeof STRATEGIES)[number];

/** A strategy working one parent order. */
export interface RunningStrategy {
  readonly name: string;
  result(): ExecutionResult;
  onDone(listener: (r: ExecutionResult) => void): void;
  /** Cancels the parent: live children are cancelled. */
  cancel(): void;
}

type AlgorithmClass = new (
  ctx: ExecutionContext,
  parent: ParentOrder,
  params: Params,
  slippage?: SlippageController,
) => Algorithm;

const CLASSES: Record<Exclude<StrategyName, 'ROUTER'>, AlgorithmClass> = {
  AGGRESSIVE: Aggressive,
  PASSIVE: Passive,
  TWAP: Twap,
  VWAP: Vwap,
  POV: Pov,
  ADAPTIVE: Adaptive,
  IS: ImplementationShortfall,
};

const COMMON = ['limitBps', 'staleSeconds'];
const SCHEDULE = ['slices', 'intervalSeconds', 'maxSpreadBps', 'retrySeconds'];
/** The parameters each strategy reads; anything else is a mistake worth a clear error. */
export const STRATEGY_PARAMS: Record<StrategyName, string[]> = {
  AGGRESSIVE: [...COMMON, 'retrySeconds'],
  PASSIVE: [...COMMON, 'completionSweep', 'sweepSeconds'],
  TWAP: [...COMMON, ...SCHEDULE],
  VWAP: [...COMMON, ...SCHEDULE, 'profile', 'maxParticipation'],
  POV: [...COMMON, 'rate', 'checkSeconds'],
  ADAPTIVE: [...COMMON, 'decisions', 'threshold'],
  IS: [...COMMON, ...SCHEDULE, 'sigma', 'eta', 'gamma', 'lambda'],
  ROUTER: [],
};
STRATEGY_PARAMS.ROUTER = [...new Set(Object.values(STRATEGY_PARAMS).flat())].sort();

/** Creates and starts a strategy by name; parameters are validated here (RangeError when bad). */
export function startStrategy(
  name: string,
  ctx: ExecutionContext,
  parent: ParentOrder,
  params: Params = {},
  slippage?: SlippageController,
): RunningStrategy {
  const known = STRATEGY_PARAMS[name as StrategyName];
  if (known) {
    const unknown = Object.keys(params).filter((k) => !known.includes(k));
    if (unknown.length) {
      throw new RangeError(
        `strategy ${name}: unknown parameter ${unknown.join(', ')} (it takes ${known.join(', ')})`,
      );
    }
  }
  if (name === 'ROUTER') return new RoutedStrategy(ctx, parent, params, slippage);
  const cls = CLASSES[name as Exclude<StrategyName, 'ROUTER'>];
  if (!cls) throw new RangeError(`unknown strategy ${name} (one of ${STRATEGIES.join(', ')})`);
  return new cls(ctx, parent, params, slippage).start();
}

/** ROUTER: at the parent's start the smart router picks a strategy from urgency and conditions. */
class RoutedStrategy implements RunningStrategy {
  readonly name = 'ROUTER';
  private inner: Algorithm | undefined;
  private readonly listeners: ((r: ExecutionResult) => void)[] = [];
  private decision: ReturnType<typeof route> | undefined;

  constructor(
    ctx: ExecutionContext,
    private readonly parent: ParentOrder,
    params: Params,
    slippage?: SlippageController,
  ) {
    const analyzer = new MarketConditionAnalyzer(ctx.market);
    ctx.clock.setTimer(parent.startUs, () => {
      this.decision = route(parent, analyzer.conditions(ctx.clock.now()));
      const inner = new CLASSES[this.decision.strategy](ctx, parent, params, slippage);
      inner.onDone(() => {
        const r = this.result();
        for (const l of this.listeners) l(r);
      });
      this.inner = inner.start();
    });
  }

  onDone(listener: (r: ExecutionResult) => void): void {
    this.listeners.push(listener);
  }

  cancel(): void {
    this.inner?.cancel();
  }

  result(): ExecutionResult {
    const d = this.decision;
    const base: ExecutionResult = this.inner?.result() ?? {
      orderId: this.parent.id,
      strategy: 'ROUTER',
      status: 'pending',
      sizeLots: this.parent.sizeLots,
      filledLots: 0,
      avgPrice: Number.NaN,
      fees: '0',
      slices: [],
      fills: [],
      startUs: this.parent.startUs,
      endUs: this.parent.endUs,
      log: [],
    };
    return {
      ...base,
      strategy: d ? `ROUTER:${d.strategy}` : 'ROUTER',
      log: d ? [{ router: d.strategy, rule: d.rule, reason: d.reason }, ...base.log] : base.log,
    };
  }
}
