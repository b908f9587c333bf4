/**
 * Canonical JSON: object keys sorted, two-space indent, trailing newline, undefined members dropped,
 * non-finite numbers refused. Same value ⇒ same bytes, which is what byte-identical reports,
 * regression goldens and shard merges rely on.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`canonical JSON cannot hold the number ${value}`);
  }
  return value;
}
