import { InputError } from '../../core/index.ts';
import { openBinance } from './binance/source.ts';
import { openLobster } from './lobster/source.ts';
import { openTardis } from './tardis/source.ts';
import type { EventSource, ImportOptions } from './types.ts';

export const IMPORTERS = ['binance', 'lobster', 'tardis'] as const;
export type ImporterName = (typeof IMPORTERS)[number];

/** Opens the inputs with the named importer (reads headers, hashes inputs; rows come lazily). */
export function openSource(
  importer: ImporterName,
  inputs: readonly string[],
  options: ImportOptions = {},
): Promise<EventSource> {
  switch (importer) {
    case 'binance':
      return openBinance(inputs, options);
    case 'lobster':
      return openLobster(inputs, options);
    case 'tardis':
      return openTardis(inputs, options);
    default:
      throw new InputError('bad-flag', `unknown importer '${importer as string}'`);
  }
}
