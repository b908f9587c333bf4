import * as z from 'zod';
import { InputError } from '../core/index.ts';
import type { FeeSchedule } from './fees.ts';
import type { ImpactConfig } from './impact.ts';
import { ConstantLatency, type LatencyModel, PerRequestLatency, RecordedLatency } from './latency.ts';
import { parseQueueModel, type QueueModel } from './queue-models.ts';

const linkLatency = z
  .object({ entryUs: z.number().nonnegative(), responseUs: z.number().nonnegative() })
  .strict();

/** VENUE.json, every key optional (docs/venue.md). */
export const venueConfigSchema = z
  .object({
    tickSize: z.string().optional(),
    lotSize: z.string().optional(),
    latency: z
      .union([
        linkLatency,
        z.object({ submit: linkLatency, cancel: linkLatency, modify: linkLatency }).strict(),
        z
          .object({
            table: z.array(z.tuple([z.number(), z.number(), z.number()])).min(1),
          })
          .strict(),
      ])
      .optional(),
    queueModel: z.string().optional(),
    consumeLiquidity: z.boolean().optional(),
    fees: z
      .object({
        makerBps: z.number().optional(),
        takerBps: z.number().optional(),
        perUnit: z.number().optional(),
        perUnitMin: z.number().optional(),
        perUnitMax: z.number().optional(),
      })
      .strict()
      .optional(),
    impact: z
      .object({
        permanent: z.number().nonnegative(),
        temporary: z.number().nonnegative(),
        decayUs: z.number().positive(),
        unitLots: z.number().positive(),
        exponent: z.number().positive().optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export type VenueConfigInput = z.infer<typeof venueConfigSchema>;

/** The venue's behaviour, resolved from the config with its defaults. */
export interface VenueSettings {
  latency: LatencyModel;
  queue: QueueModel;
  consumeLiquidity: boolean;
  fees: FeeSchedule;
  impact: ImpactConfig | undefined;
}

/** Defaults: 10 µs each way, risk-averse queue, liquidity consumption on, no fees, no impact. */
export function resolveVenue(input: VenueConfigInput = {}, file?: string): VenueSettings {
  const parsed = venueConfigSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new InputError('bad-config', `${issue.path.join('.') || '(root)'}: ${issue.message}`, { file });
  }
  try {
    return settingsOf(parsed.data);
  } catch (err) {
    // Model errors (queue model name, latency table order) name the config file too.
    if (err instanceof InputError && file !== undefined && err.file === undefined) {
      throw new InputError(err.rule, err.detail, { file });
    }
    throw err;
  }
}

function settingsOf(c: VenueConfigInput): VenueSettings {
  let latency: LatencyModel = new ConstantLatency(10, 10);
  if (c.latency && 'entryUs' in c.latency)
    latency = new ConstantLatency(c.latency.entryUs, c.latency.responseUs);
  else if (c.latency && 'submit' in c.latency) latency = new PerRequestLatency(c.latency);
  else if (c.latency && 'table' in c.latency) {
    latency = new RecordedLatency(
      c.latency.table.map(([r, e, s]) => ({ requestUs: r, exchangeUs: e, responseUs: s })),
    );
  }
  return {
    latency,
    queue: parseQueueModel(c.queueModel ?? 'risk-averse'),
    consumeLiquidity: c.consumeLiquidity ?? true,
    fees: c.fees ?? {},
    impact: c.impact,
  };
}
