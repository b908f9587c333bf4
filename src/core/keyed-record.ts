/**
 * Objects keyed by index-like strings ('1', '60', '300': markout horizons in seconds), built so
 * that they stay small.
 *
 * V8 keeps such keys as elements, and an empty object given key '300' gets a fast backing store
 * of 467 slots: 3.8 KB for four values. JSON.parse builds the same object with dictionary elements
 * (about 0.3 KB), and assigning its existing keys keeps them there. An analysis holds two such
 * records per fill, and a sweep keeps every analysis for its report: with [1, 10, 60, 300] that was
 * ~120 KB of an analysis's ~150 KB.
 */
const templates = new Map<string, string>();

/** `{ [keys[i]]: value(i) }` with the keys in the order JS gives them, laid out compactly. */
export function keyedRecord<T>(keys: readonly string[], value: (i: number) => T): Record<string, T> {
  const id = keys.join('\u0000');
  let template = templates.get(id);
  if (template === undefined) {
    template = JSON.stringify(Object.fromEntries(keys.map((k) => [k, null])));
    templates.set(id, template);
  }
  const out = JSON.parse(template) as Record<string, T>;
  for (let i = 0; i < keys.length; i++) out[keys[i]] = value(i);
  return out;
}
