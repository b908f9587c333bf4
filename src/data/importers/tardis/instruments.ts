import type { InstrumentSpec } from '../../../core/index.ts';

/**
 * Built-in instruments for the Tardis samples execsim ships as fixtures. Sizes are as Tardis
 * writes them: Deribit BTC-PERPETUAL in USD (multiples of the 10 USD contract), BitMEX XBTUSD in
 * 1-USD contracts, Huobi DM BTC-USD in 100-USD contracts. Anything else needs --tick-size and
 * --lot-size (grids change over time: Binance USDⓈ-M BTCUSDT had a 0.01 tick in 2020).
 */
const DEFAULTS: Record<string, InstrumentSpec> = {
  'deribit:BTC-PERPETUAL': {
    venue: 'deribit',
    symbol: 'BTC-PERPETUAL',
    tickSize: '0.5',
    lotSize: '10',
    contractMultiplier: '1',
    kind: 'inverse',
    quoteCurrency: 'USD',
    baseCurrency: 'BTC',
  },
  'binance-futures:BTCUSDT': {
    venue: 'binance-futures',
    symbol: 'BTCUSDT',
    tickSize: '0.01',
    lotSize: '0.001',
    quoteCurrency: 'USDT',
    baseCurrency: 'BTC',
  },
  'bitmex:XBTUSD': {
    venue: 'bitmex',
    symbol: 'XBTUSD',
    tickSize: '0.5',
    lotSize: '1',
    contractMultiplier: '1',
    kind: 'inverse',
    quoteCurrency: 'USD',
    baseCurrency: 'BTC',
  },
  'huobi-dm-swap:BTC-USD': {
    venue: 'huobi-dm-swap',
    symbol: 'BTC-USD',
    tickSize: '0.1',
    lotSize: '1',
    contractMultiplier: '100',
    kind: 'inverse',
    quoteCurrency: 'USD',
    baseCurrency: 'BTC',
  },
};

export function tardisInstrument(exchange: string, symbol: string): InstrumentSpec | undefined {
  return DEFAULTS[`${exchange}:${symbol}`];
}
