import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLE_OPTIONS } from '../../bin/bundle-options.mjs';
import { mapStack } from '../../src/cli/stack-map.ts';

const dir = mkdtempSync(join(tmpdir(), 'execsim-stack-map-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Bundles `source` as the CLI's bundles are built, runs it, and gives what it printed on stderr. */
async function crashOf(source: string): Promise<string> {
  const entry = join(dir, 'crash.ts');
  writeFileSync(entry, source);
  const out = await build({
    ...BUNDLE_OPTIONS,
    entryPoints: [entry],
    outdir: join(dir, 'out'),
    outExtension: { '.js': '.mjs' },
    write: true,
  });
  expect(out.errors).toEqual([]);
  const run = spawnSync(process.execPath, [join(dir, 'out', 'crash.mjs')], { encoding: 'utf8' });
  expect(run.status).not.toBe(0);
  return run.stderr;
}

describe('mapStack', () => {
  it('rewrites frames in a bundle to the source file, line and column, from the map beside it', async () => {
    const stderr = await crashOf(
      [
        'const pad: number[] = [1, 2, 3];',
        'export function fail(n: number): never {',
        "  throw new Error('boom ' + n);",
        '}',
        'fail(pad.length);',
        '',
      ].join('\n'),
    );
    expect(stderr).toMatch(/out\/crash\.mjs:\d+:\d+/);
    const mapped = mapStack(stderr);
    expect(mapped).toContain(`at fail (${join(dir, 'crash.ts')}:3:9)`);
    expect(mapped).not.toMatch(/out\/crash\.mjs:\d+:\d+/);
    // Frames of files without a map beside them stay as they are.
    const foreign = 'Error: x\n    at f (file:///nowhere/else.mjs:10:5)\n    at node:internal/main:1:1';
    expect(mapStack(foreign)).toBe(foreign);
    // Nor does text that only looks like a frame (a file URL Node cannot turn into a path).
    const odd = 'Error: see file://host/x.mjs:1:2 and file:///a%2Fb.mjs:3:4';
    expect(mapStack(odd)).toBe(odd);
  });

  it("is how the CLI prints an internal error: a bundled command's stack names src/ files", async () => {
    const errors = fileURLToPath(new URL('../../src/cli/errors.ts', import.meta.url));
    const stderr = await crashOf(
      [
        `import { reportAndExit } from ${JSON.stringify(errors)};`,
        'try {',
        "  JSON.parse('{');",
        '} catch (err) {',
        '  reportAndExit(err);',
        '}',
        '',
      ].join('\n'),
    );
    expect(stderr).toMatch(/^execsim: internal error: SyntaxError/);
    expect(stderr).toContain(`${join(dir, 'crash.ts')}:3:8`);
    expect(stderr).not.toMatch(/out\/crash\.mjs:\d+:\d+/);
  });
});
