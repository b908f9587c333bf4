import { existsSync, readFileSync, statSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import type * as z from 'zod';
import { InputError } from '../core/index.ts';
import { expandGlob } from './glob.ts';
import { type ScenarioSpec, scenarioSchema } from './schema.ts';

/** Where a cell's market data comes from: a Parquet file or a seeded synthetic day. */
export type DatasetRef =
  | { kind: 'file'; path: string }
  | { kind: 'synthetic'; events: number; seed: string | number; startPrice?: number };

/** A validated scenario with its dataset list resolved (globs expanded, files checked). */
export interface Scenario {
  file: string;
  spec: ScenarioSpec;
  datasets: DatasetRef[];
}

/** Reads, parses (YAML or JSON) and validates a scenario file. Bad input → InputError naming the file and field. */
export function loadScenario(file: string): Scenario {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new InputError('no-scenario', 'cannot read the scenario file', { file });
  }
  return parseScenario(text, file);
}

export function parseScenario(text: string, file: string): Scenario {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const line = (err as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new InputError('bad-scenario', `not valid YAML/JSON: ${(err as Error).message.split('\n')[0]}`, {
      file,
      row: line,
    });
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) throw new InputError('bad-scenario', describeIssues(parsed.error.issues), { file });
  const spec = parsed.data;
  const datasets = resolveDatasets(spec, file);
  for (const [i, o] of (spec.orders ?? []).entries()) {
    if (o.dataset >= datasets.length) {
      throw new InputError(
        'bad-scenario',
        `orders[${i}].dataset: expected an index below ${datasets.length} (the number of dataset files), got ${o.dataset}`,
        { file },
      );
    }
  }
  return { file, spec, datasets };
}

function resolveDatasets(spec: ScenarioSpec, file: string): DatasetRef[] {
  const out: DatasetRef[] = [];
  for (const [i, entry] of spec.datasets.entries()) {
    if (typeof entry !== 'string') {
      out.push({ kind: 'synthetic', ...entry.synthetic });
      continue;
    }
    const files = expandGlob(entry);
    const existing = files.filter((f) => existsSync(f) && statSync(f).isFile());
    if (existing.length === 0) {
      throw new InputError(
        'bad-scenario',
        `datasets[${i}]: expected an existing Parquet file or glob, '${entry}' matches none`,
        {
          file,
        },
      );
    }
    for (const f of existing) out.push({ kind: 'file', path: f });
  }
  return out;
}

/** One line: each issue as `path.to.field: what was expected`. */
function describeIssues(issues: z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path)}: ${issue.message}`)
    .join('; ');
}

function formatPath(path: PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  let out = '';
  for (const p of path) out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}
