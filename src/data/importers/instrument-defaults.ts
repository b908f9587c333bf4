import { InputError, Instrument, type InstrumentSpec } from '../../core/index.ts';
import type { InstrumentOverrides } from './types.ts';

/**
 * The instrument of an import: built-in defaults for the venue/symbol (when known), with every
 * flag the user gave taking precedence. Without a default, tick and lot sizes must be given.
 */
export function resolveInstrument(
  defaults: InstrumentSpec | undefined,
  fallback: { venue: string; symbol: string },
  overrides: InstrumentOverrides,
): Instrument {
  const tickSize = overrides.tickSize ?? defaults?.tickSize;
  const lotSize = overrides.lotSize ?? defaults?.lotSize;
  const venue = overrides.venue ?? defaults?.venue ?? fallback.venue;
  const symbol = overrides.symbol ?? defaults?.symbol ?? fallback.symbol;
  if (tickSize === undefined || lotSize === undefined) {
    throw new InputError(
      'missing-instrument',
      `no built-in tick/lot size for ${venue} ${symbol}; pass --tick-size and --lot-size`,
    );
  }
  const inverse = overrides.inverse ?? defaults?.kind === 'inverse';
  return new Instrument({
    venue,
    symbol,
    tickSize,
    lotSize,
    contractMultiplier: overrides.multiplier ?? defaults?.contractMultiplier ?? '1',
    kind: inverse ? 'inverse' : 'linear',
    quoteCurrency: defaults?.quoteCurrency ?? '',
    baseCurrency: defaults?.baseCurrency ?? '',
  });
}
