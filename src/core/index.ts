export { canonicalJson } from './canonical-json.ts';
export { decimalPlaces, formatSteps, type GridRounding, parseDecimal, toSteps } from './decimal.ts';
export {
  EXIT_BAD_INPUT,
  EXIT_INTERNAL,
  ExecsimError,
  InputError,
  type InputLocation,
  isInputError,
} from './errors.ts';
export { IntegerSum, TickLotSum } from './exact-sum.ts';
export { IdSequence } from './ids.ts';
export { type ContractKind, Instrument, type InstrumentSpec } from './instrument.ts';
export { keyedRecord } from './keyed-record.ts';
export type {
  Liquidity,
  OrderEvent,
  OrderEventKind,
  OrderRequest,
  OrderSide,
  OrderType,
  TimeInForce,
} from './orders.ts';
export {
  formatTime,
  type Micros,
  parseDate,
  parseTime,
  US_PER_DAY,
  US_PER_MINUTE,
  US_PER_MS,
  US_PER_SECOND,
} from './time.ts';
