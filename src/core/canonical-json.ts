/**
 * Canonical JSON: object keys sorted, two-space indent, trailing newline, undefined members dropped,
 * non-finite numbers refused. Same value ⇒ same bytes, which is what byte-identical reports,
 * regression goldens and shard merges rely on.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

/**
 * The value with every plain object's keys in sorted order (undefined members JSON.stringify drops).
 * Parts already so (a sweep's records are built with their keys in order) are returned as they are,
 * not copied: copying every object of a 90 KB record was as costly as serialising it. Objects that
 * are not plain (a class instance, say) are always copied, to their own enumerable keys.
 */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      const s = sortKeys(v);
      if (out === undefined && s !== v) out = value.slice(0, i);
      out?.push(s);
    }
    return out ?? value;
  }
  if (value !== null && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    let inOrder = isPlain(obj);
    for (let i = 1; inOrder && i < keys.length; i++) inOrder = keys[i - 1] < keys[i];
    if (!inOrder) return sortedCopy(obj, keys.sort(), -1, undefined);
    for (let i = 0; i < keys.length; i++) {
      const v = obj[keys[i]];
      const s = sortKeys(v);
      // An undefined member needs no copy: JSON.stringify leaves it out too.
      if (s !== v) return sortedCopy(obj, keys, i, s);
    }
    return value;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new Error(`canonical JSON cannot hold the number ${value}`);
  }
  return value;
}

/**
 * A copy of `obj` over its sorted `keys`. With the keys already in order, `from` is the first member
 * that changed and `atFrom` that member sorted (those before it are taken as they are); −1 when the
 * keys were out of order, every member then sorted here.
 */
function sortedCopy(
  obj: Record<string, unknown>,
  keys: string[],
  from: number,
  atFrom: unknown,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const v = obj[keys[i]];
    if (v === undefined) continue;
    out[keys[i]] = i < from ? v : i === from ? atFrom : sortKeys(v);
  }
  return out;
}

function isPlain(obj: object): boolean {
  const proto: unknown = Object.getPrototypeOf(obj);
  return proto === Object.prototype || proto === null;
}
