import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const SRC = join(ROOT, 'src');
/** The layers, top first (README's table): a folder may import only folders below it. */
const ORDER = ['cli', 'scenario', 'report', 'tca', 'execution', 'venue', 'sim', 'book', 'data', 'core'];
/** Execution runs on interfaces only, so the same code could drive a live gateway. */
const NEVER: Record<string, string[]> = { execution: ['venue', 'sim'] };
/** The worker bundle is built with the options bin/ builds the CLI's bundle with: one list of them. */
const OUTSIDE_SRC = new Set(['src/scenario/worker-bundle.ts -> bin/bundle-options.mjs']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.(ts|mts|mjs)$/.test(e.name) ? [path] : [];
  });
}

/** Relative specifiers of static imports, re-exports and dynamic imports. */
function relativeImports(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|^import\s+)'(\.{1,2}\/[^']+)'/gm))
    found.push(m[1]);
  return found;
}

/** The folder of src/ a path is in (its first segment below src/). */
const folderOf = (path: string) => relative(SRC, path).split('/')[0];

/** Whether `file` importing `spec` crosses from one folder of src/ into another. */
function crosses(file: string, spec: string): boolean {
  const target = resolve(dirname(file), spec);
  return target.startsWith(`${SRC}/`) && folderOf(target) !== folderOf(file);
}

/** What is wrong with `file` importing `spec`, or undefined. */
function violation(file: string, spec: string): string | undefined {
  const from = folderOf(file);
  const target = resolve(dirname(file), spec);
  const name = `${relative(ROOT, file)} -> ${relative(ROOT, target)}`;
  if (!target.startsWith(`${SRC}/`)) return OUTSIDE_SRC.has(name) ? undefined : `${name}: outside src/`;
  const to = folderOf(target);
  if (to === from) return undefined;
  if (relative(SRC, target) !== `${to}/index.ts`) return `${name}: past ${to}/index.ts, the folder's face`;
  if (NEVER[from]?.includes(to)) return `${name}: ${from} must not know ${to}`;
  if (ORDER.indexOf(to) < ORDER.indexOf(from)) return `${name}: points up, ${from} is below ${to}`;
  return undefined;
}

describe('layers', () => {
  it('every import between folders of src/ points down and goes through the folder’s index.ts', () => {
    const files = sources(SRC);
    expect(new Set(files.map(folderOf))).toEqual(new Set(ORDER));
    const bad: string[] = [];
    let between = 0;
    for (const file of files) {
      for (const spec of relativeImports(readFileSync(file, 'utf8'))) {
        const v = violation(file, spec);
        if (v) bad.push(v);
        if (crosses(file, spec)) between++;
      }
    }
    expect(bad).toEqual([]);
    expect(between).toBeGreaterThan(100);
  });

  it('the check sees each kind of breach', () => {
    const at = (f: string) => join(SRC, f);
    expect(violation(at('book/l2-book.ts'), '../venue/index.ts')).toContain('points up');
    expect(violation(at('scenario/plan.ts'), '../data/atomic-write.ts')).toContain("the folder's face");
    expect(violation(at('execution/router.ts'), '../venue/index.ts')).toContain('must not know venue');
    expect(violation(at('tca/tape.ts'), '../../bench/x.ts')).toContain('outside src/');
    expect(violation(at('tca/tape.ts'), '../book/index.ts')).toBeUndefined();
    expect(violation(at('data/cache/arrow-cache.ts'), '../parquet/index.ts')).toBeUndefined();
    expect(relativeImports("import x from '../a/index.ts';\nconst m = await import('../b/c.ts');")).toEqual([
      '../a/index.ts',
      '../b/c.ts',
    ]);
  });
});
