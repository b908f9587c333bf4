import type { MarketConditions } from './analyzer.ts';
import type { ParentOrder } from './models.ts';

export type RoutedStrategy = 'AGGRESSIVE' | 'PASSIVE' | 'TWAP' | 'ADAPTIVE';

export interface RouteDecision {
  strategy: RoutedStrategy;
  rule: string;
  reason: string;
}

/**
 * The smart order router's rule table, first match wins (docs/execution.md):
 * 1. CRITICAL urgency → AGGRESSIVE.
 * 2. size ≤ 25% of the far side's visible depth and spread ≤ 2 ticks → AGGRESSIVE (cheap to take).
 * 3. LOW urgency → PASSIVE (earn the spread, sweep at the end).
 * 4. HIGH urgency → ADAPTIVE.
 * 5. spread ≥ 5 ticks, or mid volatility ≥ 20 bps per sample → ADAPTIVE (let the signals pick moments).
 * 6. otherwise → TWAP.
 */
export function route(parent: ParentOrder, c: MarketConditions): RouteDecision {
  const farDepth = parent.side > 0 ? c.askDepth : c.bidDepth;
  if (parent.urgency === 'CRITICAL') return { strategy: 'AGGRESSIVE', rule: '1', reason: 'urgency CRITICAL' };
  if (farDepth > 0 && parent.sizeLots <= 0.25 * farDepth && c.spreadTicks <= 2) {
    return {
      strategy: 'AGGRESSIVE',
      rule: '2',
      reason: `size ${parent.sizeLots} ≤ 25% of far-side depth ${farDepth} with a ${c.spreadTicks}-tick spread`,
    };
  }
  if (parent.urgency === 'LOW') return { strategy: 'PASSIVE', rule: '3', reason: 'urgency LOW' };
  if (parent.urgency === 'HIGH') return { strategy: 'ADAPTIVE', rule: '4', reason: 'urgency HIGH' };
  if (c.spreadTicks >= 5 || c.volatilityBps >= 20) {
    return {
      strategy: 'ADAPTIVE',
      rule: '5',
      reason: `spread ${c.spreadTicks} ticks, volatility ${c.volatilityBps.toFixed(2)} bps`,
    };
  }
  return { strategy: 'TWAP', rule: '6', reason: 'default for MEDIUM urgency in a normal market' };
}
