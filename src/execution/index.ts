export { Algorithm } from './algorithm.ts';
export { Adaptive } from './algorithms/adaptive.ts';
export { Aggressive } from './algorithms/aggressive.ts';
export { Passive } from './algorithms/passive.ts';
export { Pov } from './algorithms/pov.ts';
export { ImplementationShortfall, ScheduleAlgorithm, Twap, Vwap } from './algorithms/schedule.ts';
export { type AcParams, type AcSolution, acParamError, almgrenChriss } from './almgren-chriss.ts';
export { MarketConditionAnalyzer, type MarketConditions } from './analyzer.ts';
export { type RunningStrategy, STRATEGIES, type StrategyName, startStrategy } from './factory.ts';
export * from './models.ts';
export { type ManagedOrder, OrderManager, type OrderManagerStats } from './order-manager.ts';
export type { Clock, MarketDataView, TradeTick, VenuePort } from './ports.ts';
export { type RouteDecision, type RoutedStrategy, route } from './router.ts';
export {
  type AlertLevel,
  type SlippageAlert,
  SlippageController,
  type SlippageLimits,
  type SlippageStats,
} from './slippage-controller.ts';
