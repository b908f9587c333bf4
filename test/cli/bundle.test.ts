import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain JavaScript beside the bin script, without type declarations.
import { cliBundle } from '../../bin/cli-bundle.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('the CLI bundle', () => {
  it('is one module per version of the sources, in which each source keeps its own URL', async () => {
    const url = (await cliBundle()) as URL;
    expect(url.pathname).toMatch(/node_modules\/\.cache\/execsim\/cli-[0-9a-f]{16}\.mjs$/);
    expect(await cliBundle()).toEqual(url);
    const code = readFileSync(fileURLToPath(url), 'utf8');
    // Worker entries and the default executor are found beside their own source files.
    expect(code).not.toContain('import.meta.url');
    expect(code).toContain(`new URL("./worker-bootstrap.mjs", "file://${ROOT}src/scenario/pool.ts")`);
    // Packages stay imports.
    expect(code).toMatch(/from "yargs"/);
  });

  // TypeScript executors (started by the bundle through tsx) run in check.test.ts and sweep.test.ts.
  it('runs the commands without falling back to tsx', () => {
    const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, '--help'], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/sweep/);
    expect(r.stderr).not.toMatch(/ExecsimWarning/);
  });
});
