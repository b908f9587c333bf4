import * as z from 'zod';
import { STRATEGIES, type StrategyName } from '../execution/index.ts';

/**
 * The scenario file (YAML or JSON), as written by a user. docs/scenarios.md describes every key.
 * Validation reports the path of the bad field and what was expected (see load.ts).
 */

/** A seed: a whole number or a string, never drawn from a clock — so one is required where it is. */
const seedValue = z.union([z.string(), z.number().int()], {
  error: (issue) =>
    issue.input === undefined
      ? 'required: a whole number or a string'
      : 'expected a whole number or a string',
});

/** Strategies the runner knows (the execution layer's); ROUTER lets the smart order router choose per order. */
export const STRATEGY_NAMES = STRATEGIES;
export type { StrategyName };

const decimalText = z
  .union([z.string().regex(/^\d+(\.\d+)?$/, 'a positive decimal such as "0.5"'), z.number().positive()], {
    error: 'expected a positive decimal such as "0.5"',
  })
  .transform((v) => String(v));

const timeText = z
  .union([z.string().min(1), z.number().int()], { error: 'expected a time: µs since the epoch or ISO-8601' })
  .transform((v) => String(v));

/** Synthetic data instead of files: a seeded generated day (data layer's generateEvents). */
const syntheticSource = z
  .object({
    synthetic: z
      .object({
        events: z.number().int().positive().max(50_000_000),
        seed: seedValue,
        startPrice: z.number().positive().optional(),
      })
      .strict(),
  })
  .strict();

/** A Parquet path or a glob (`*` and `?` within path parts), relative to the working directory. */
const datasetEntry = z.union([z.string().min(1), syntheticSource], {
  error: 'expected a Parquet path or glob, or { synthetic: { events, seed } }',
});

const instrumentOverrides = z
  .object({
    tickSize: decimalText.optional(),
    lotSize: decimalText.optional(),
    contractMultiplier: decimalText.optional(),
    kind: z.enum(['linear', 'inverse']).optional(),
    quoteCurrency: z.string().optional(),
    baseCurrency: z.string().optional(),
  })
  .strict();

const sideText = z
  .enum(['buy', 'sell', 'BUY', 'SELL'])
  .transform((s) => (s.toLowerCase() === 'buy' ? 1 : -1));

/** Size in the instrument's base units, or a fraction of the traded volume in the order's window. */
const sizeSpec = z.union(
  [
    decimalText.transform((value) => ({ kind: 'absolute' as const, value })),
    z
      .object({ fractionOfVolume: z.number().positive().max(1) })
      .strict()
      .transform((o) => ({ kind: 'fraction' as const, value: o.fractionOfVolume })),
  ],
  {
    error: 'expected a size in base units (e.g. "0.5") or { fractionOfVolume: f } with 0 < f ≤ 1',
  },
);

const explicitOrder = z
  .object({
    /** Which dataset file (index into the file list after globbing, default 0). */
    dataset: z.number().int().nonnegative().default(0),
    side: sideText,
    size: sizeSpec,
    start: timeText,
    end: timeText,
    urgency: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).default('MEDIUM'),
  })
  .strict();

const orderGenerator = z
  .object({
    /** Windows per dataset, placed at seeded random starts inside the data. */
    windows: z.number().int().positive().max(100_000),
    durationSeconds: z.number().positive(),
    side: z.enum(['buy', 'sell', 'alternate']).default('buy'),
    size: sizeSpec,
    /** No window starts earlier than this after the data's first row, so the book has history. */
    warmupSeconds: z.number().nonnegative().default(5),
    urgency: z.enum(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).default('MEDIUM'),
    seed: seedValue.optional(),
  })
  .strict();

const paramValue = z.union([z.number(), z.string(), z.boolean(), z.array(z.number())], {
  error: 'expected a number, string, boolean or list of numbers',
});

const strategyEntry = z
  .object({
    name: z.enum(STRATEGY_NAMES),
    /** Shown in tables; defaults to the name plus the grid values. */
    label: z.string().min(1).optional(),
    params: z.record(z.string(), paramValue).default({}),
    /** Parameter values to sweep: each combination is one strategy variant. */
    grid: z.record(z.string(), z.array(paramValue).min(1)).default({}),
  })
  .strict();

const tcaSettings = z
  .object({
    /** Label of the strategy every other one is compared to (default: the first). */
    baseline: z.string().optional(),
    markoutsSeconds: z.array(z.number().positive()).min(1).default([1, 10, 60, 300]),
    bootstrapSamples: z.number().int().positive().max(100_000).default(2000),
  })
  .strict();

export const REPORT_FORMATS = ['json', 'md', 'html', 'parquet', 'csv'] as const;

const checkSettings = z
  .object({
    /** Allowed absolute difference per metric, keyed by a path pattern (`*` = one part, `**` = any). */
    tolerances: z.record(z.string(), z.number().nonnegative()).default({}),
  })
  .strict();

export const scenarioSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'a name of letters, digits, dot, dash or underscore'),
    description: z.string().optional(),
    seed: seedValue,
    datasets: z.array(datasetEntry).min(1),
    instrument: instrumentOverrides.optional(),
    /** The venue's VENUE.json keys (latency, queueModel, consumeLiquidity, fees, impact); the venue validates them. */
    venue: z.record(z.string(), z.unknown()).default({}),
    orders: z.array(explicitOrder).min(1).optional(),
    generate: orderGenerator.optional(),
    strategies: z.array(strategyEntry).min(1),
    /** Every cell runs once per seed. */
    seeds: z.array(seedValue).min(1).default([1]),
    tca: tcaSettings.default({ markoutsSeconds: [1, 10, 60, 300], bootstrapSamples: 2000 }),
    report: z
      .object({ formats: z.array(z.enum(REPORT_FORMATS)).min(1).default(['json', 'md', 'html', 'parquet']) })
      .strict()
      .default({ formats: ['json', 'md', 'html', 'parquet'] }),
    check: checkSettings.default({ tolerances: {} }),
  })
  .strict()
  .superRefine((s, ctx) => {
    if ((s.orders === undefined) === (s.generate === undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: ['orders'],
        message: 'give exactly one of `orders` or `generate`',
      });
    }
    const labels = new Set<string>();
    for (const [i, st] of s.strategies.entries()) {
      if (st.label !== undefined && labels.has(st.label)) {
        ctx.addIssue({
          code: 'custom',
          path: ['strategies', i, 'label'],
          message: `duplicate label ${st.label}`,
        });
      }
      if (st.label !== undefined) labels.add(st.label);
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;
export type ScenarioSpec = z.output<typeof scenarioSchema>;
export type SizeSpec = z.output<typeof sizeSpec>;
export type StrategyEntry = z.output<typeof strategyEntry>;
export type ParamValue = z.output<typeof paramValue>;
