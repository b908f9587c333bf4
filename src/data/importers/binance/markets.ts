import type { InstrumentSpec } from '../../../core/index.ts';
import type { SequenceRule } from '../../validate/index.ts';
import type { BinanceMessage } from './messages.ts';

/** Spot, USDⓈ-M futures (linear) and COIN-M futures (inverse). */
export type BinanceMarket = 'spot' | 'usdm' | 'coinm';

export const MARKET_VENUE: Record<BinanceMarket, string> = {
  spot: 'binance-spot',
  usdm: 'binance-usdm',
  coinm: 'binance-coinm',
};

export function sequenceRule(market: BinanceMarket): SequenceRule {
  return market === 'spot' ? 'spot' : 'futures';
}

/**
 * The market a capture comes from, told by the fields Binance sends: futures diffs carry `pu`,
 * futures REST snapshots `E`/`T`, futures trades `X`, futures bookTickers `e`; COIN-M adds the
 * pair (`ps`, `pair`) and has `_` in the symbol. Undefined for messages that tell nothing.
 */
export function marketOf(m: BinanceMessage): BinanceMarket | undefined {
  switch (m.type) {
    case 'snapshot':
      return m.coinm ? 'coinm' : m.exch !== undefined ? 'usdm' : 'spot';
    case 'diff':
      return m.pu === undefined ? 'spot' : m.coinm || m.symbol.includes('_') ? 'coinm' : 'usdm';
    case 'trade':
      return !m.futures ? 'spot' : m.coinm ? 'coinm' : 'usdm';
    case 'bbo':
      return !m.futures ? 'spot' : m.coinm || m.symbol.includes('_') ? 'coinm' : 'usdm';
    default:
      return undefined;
  }
}

/**
 * Tick and lot per market and symbol, from the grids observed in the bundled captures
 * (datasets-raw PROVENANCE table). COIN-M sizes count contracts of 100 USD (BTC) or 10 USD (ETH).
 */
const DEFAULTS: Record<string, Omit<InstrumentSpec, 'venue'>> = {
  'spot:BTCUSDT': {
    symbol: 'BTCUSDT',
    tickSize: '0.01',
    lotSize: '0.000001',
    quoteCurrency: 'USDT',
    baseCurrency: 'BTC',
  },
  'spot:ETHUSDT': {
    symbol: 'ETHUSDT',
    tickSize: '0.01',
    lotSize: '0.00002',
    quoteCurrency: 'USDT',
    baseCurrency: 'ETH',
  },
  'usdm:BTCUSDT': {
    symbol: 'BTCUSDT',
    tickSize: '0.1',
    lotSize: '0.001',
    quoteCurrency: 'USDT',
    baseCurrency: 'BTC',
  },
  'usdm:ETHUSDT': {
    symbol: 'ETHUSDT',
    tickSize: '0.01',
    lotSize: '0.001',
    quoteCurrency: 'USDT',
    baseCurrency: 'ETH',
  },
  'coinm:BTCUSD_PERP': {
    symbol: 'BTCUSD_PERP',
    tickSize: '0.1',
    lotSize: '1',
    contractMultiplier: '100',
    kind: 'inverse',
    quoteCurrency: 'USD',
    baseCurrency: 'BTC',
  },
  'coinm:ETHUSD_PERP': {
    symbol: 'ETHUSD_PERP',
    tickSize: '0.01',
    lotSize: '1',
    contractMultiplier: '10',
    kind: 'inverse',
    quoteCurrency: 'USD',
    baseCurrency: 'ETH',
  },
};

export function defaultInstrument(market: BinanceMarket, symbol: string): InstrumentSpec | undefined {
  const d = DEFAULTS[`${market}:${symbol}`];
  return d ? { venue: MARKET_VENUE[market], ...d } : undefined;
}
