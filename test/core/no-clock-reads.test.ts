import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
/** The CLI's progress display is the one place that reads a clock: it never reaches results. */
const ALLOWED = new Set(['src/cli/progress.ts']);
/** Randomness and clock reads; `new Date(x)` formats a given instant and is fine, `new Date()` is not. */
const FORBIDDEN =
  /Math\.random\(|Date\.now\(|performance\.now\(|process\.hrtime|process\.uptime\(|new Date\(\)/;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs|js)$/.test(e.name) ? [path] : [];
  });
}

describe('determinism contract', () => {
  it('src/ reads no clock and no Math.random outside the progress display', () => {
    const offenders: string[] = [];
    for (const file of sources(join(ROOT, 'src'))) {
      const name = relative(ROOT, file);
      if (ALLOWED.has(name)) continue;
      readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (FORBIDDEN.test(line)) offenders.push(`${name}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });

  it('the check sees a clock read where one is written', () => {
    expect(FORBIDDEN.test('const t = performance.now();')).toBe(true);
    expect(FORBIDDEN.test('const t = Date.now();')).toBe(true);
    expect(FORBIDDEN.test('new Date(ms).toISOString()')).toBe(false);
  });
});
