import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/** A capture line parsed independently of the importer (for cross-checks in tests). */
export interface RawLine {
  line: number;
  localNs: string;
  json: {
    lastUpdateId?: number;
    stream?: string;
    data?: Record<string, unknown> & { U?: number; u?: number; pu?: number; b?: unknown; a?: unknown };
  };
}

export function rawLines(file: string): RawLine[] {
  return gunzipSync(readFileSync(file))
    .toString('utf8')
    .split('\n')
    .filter((l) => l !== '')
    .map((l, i) => {
      const sp = l.indexOf(' ');
      return { line: i + 1, localNs: l.slice(0, sp), json: JSON.parse(l.slice(sp + 1)) };
    });
}

export function channel(r: RawLine): string {
  if (r.json.lastUpdateId !== undefined) return 'snapshot';
  const s = r.json.stream ?? '';
  const c = s.slice(s.indexOf('@') + 1);
  return c.startsWith('depth') ? 'depth' : c;
}
