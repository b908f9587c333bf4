import type { Json } from './executor.ts';

/** One difference between a run and its golden file. */
export interface GoldenDiff {
  path: string;
  expected: string;
  actual: string;
  /** Allowed absolute difference when both are numbers, else undefined. */
  tolerance?: number;
}

/**
 * Compares two canonical JSON values leaf by leaf. Numbers (and numeric strings) may differ by the
 * tolerance of the first pattern matching their path (`*` one part, `**` any parts); everything else
 * must be equal. Returns the differences in path order.
 */
export function diffGolden(
  expected: Json,
  actual: Json,
  tolerances: Record<string, number> = {},
): GoldenDiff[] {
  const rules = Object.entries(tolerances).map(([pattern, tol]) => ({ re: patternRegex(pattern), tol }));
  const out: GoldenDiff[] = [];
  const walk = (path: string, e: Json | undefined, a: Json | undefined) => {
    if (isObject(e) && isObject(a)) {
      const keys = [...new Set([...Object.keys(e), ...Object.keys(a)])].sort();
      for (const k of keys) walk(path ? `${path}.${k}` : k, e[k], a[k]);
      return;
    }
    if (Array.isArray(e) && Array.isArray(a)) {
      for (let i = 0; i < Math.max(e.length, a.length); i++) walk(`${path}[${i}]`, e[i], a[i]);
      return;
    }
    if (e === a) return;
    const en = asNumber(e);
    const an = asNumber(a);
    if (en !== undefined && an !== undefined) {
      const tol = rules.find((r) => r.re.test(path))?.tol ?? 0;
      // The relative slack absorbs binary rounding of decimal text (1.6 − 1.5 > 0.1 in doubles).
      if (Math.abs(en - an) <= tol + 1e-12 * Math.max(Math.abs(en), Math.abs(an))) return;
      out.push({ path, expected: show(e), actual: show(a), tolerance: tol });
      return;
    }
    out.push({ path, expected: show(e), actual: show(a) });
  };
  walk('', expected, actual);
  return out;
}

/** A readable diff: one line per difference, at most `limit` lines. */
export function formatDiff(diffs: GoldenDiff[], limit = 40): string {
  const lines = diffs.slice(0, limit).map((d) => {
    const tol = d.tolerance !== undefined ? ` (tolerance ${d.tolerance})` : '';
    return `  ${d.path}: expected ${d.expected}, got ${d.actual}${tol}`;
  });
  if (diffs.length > limit) lines.push(`  … and ${diffs.length - limit} more`);
  return lines.join('\n');
}

function patternRegex(pattern: string): RegExp {
  const parts = pattern
    .split('**')
    .map((chunk) => chunk.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^.]*'));
  return new RegExp(`^${parts.join('.*')}$`);
}

function isObject(v: Json | undefined): v is { [key: string]: Json } {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function asNumber(v: Json | undefined): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(v)) return Number(v);
  return undefined;
}

function show(v: Json | undefined): string {
  return v === undefined ? '(missing)' : JSON.stringify(v);
}
