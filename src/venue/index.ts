export { Account } from './account.ts';
export { resolveVenue, type VenueConfigInput, type VenueSettings, venueConfigSchema } from './config.ts';
export { FeeModel, type FeeSchedule } from './fees.ts';
export { type ImpactConfig, ImpactOverlay } from './impact.ts';
export {
  ConstantLatency,
  type LatencyModel,
  type LatencySample,
  PerRequestLatency,
  RecordedLatency,
  type RequestKind,
} from './latency.ts';
export { type ExchangeEvent, MatchingEngine, type MatchingOptions } from './matching.ts';
export {
  log2Queue,
  logQueue,
  parseQueueModel,
  power,
  power2,
  power3,
  type QueueModel,
  riskAverse,
} from './queue-models.ts';
export {
  checkHeader,
  EVENTS_HEADER,
  type EventRow,
  formatOrderEvent,
  ORDERS_HEADER,
  type OrderAction,
  parseEventRow,
  parseOrderRow,
  parseSide,
} from './sim-files.ts';
export { SimulatedVenue } from './simulated-venue.ts';
export { Simulation, type SimulationOptions } from './simulation.ts';
export type { OrderStatus, WorkingOrder } from './working-order.ts';
