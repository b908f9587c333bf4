export type { Clock, MarketDataView, TradeTick, VenuePort } from './ports.ts';
