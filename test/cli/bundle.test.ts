import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BUNDLE_OPTIONS } from '../../bin/bundle-options.mjs';
import { cliBundle } from '../../bin/cli-bundle.mjs';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('the CLI bundle', () => {
  it('is one folder of modules per version of the sources, in which each source keeps its own URL', async () => {
    const url = await cliBundle();
    if (url === undefined) throw new Error('no CLI bundle could be built');
    expect(url.pathname).toMatch(/node_modules\/\.cache\/execsim\/cli-[0-9a-f]{16}\/main\.mjs$/);
    expect(await cliBundle()).toEqual(url);
    const dir = dirname(fileURLToPath(url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.mjs'));
    const code = files.map((f) => readFileSync(join(dir, f), 'utf8')).join('\n');
    // Each module has its source map beside it, read only to print an internal error's stack;
    // none names it, so Node parses no map at start.
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.mjs.map'))
        .sort(),
    ).toEqual(files.map((f) => `${f}.map`).sort());
    expect(code).not.toContain('sourceMappingURL');
    // Worker entries and the default executor are found beside their own source files: only the
    // banner's require (for bundled CommonJS packages) reads the bundle's own URL.
    const banner = (BUNDLE_OPTIONS.banner as { js: string }).js;
    expect(code).toContain(banner);
    expect(code.replaceAll(banner, '')).not.toContain('import.meta.url');
    expect(code).toContain(`new URL("./worker-bootstrap.mjs", "file://${ROOT}src/scenario/pool.ts")`);
    // Pure-JS packages are bundled; yargs and DuckDB stay imports, and the HTML report's Plot is
    // imported only by the chunk that renders it.
    expect(code).not.toMatch(/from "(apache-arrow|zod|decimal\.js|seedrandom)"/);
    expect(code).toMatch(/from "yargs"/);
    expect(code).toMatch(/import\("@duckdb\/node-api"\)/);
    const withPlot = files.filter((f) =>
      readFileSync(join(dir, f), 'utf8').includes('from "@observablehq/plot"'),
    );
    expect(withPlot).toHaveLength(1);
    expect(withPlot[0]).toMatch(/^html-/);
    // The sweep's pool thread is built beside the CLI, and the CLI gives that one to its pool.
    expect(files).toContain('sim-worker.mjs');
    expect(code).toContain(JSON.stringify(new URL('sim-worker.mjs', url).href));
  });

  it('runs from the sources through tsx when asked to (as when no bundle can be built)', () => {
    const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, 'data', 'inspect', '--help'], {
      encoding: 'utf8',
      cwd: ROOT,
      env: { ...process.env, EXECSIM_NO_BUNDLE: '1' },
    });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/inspect/);
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

  it('sweeps on pool threads started from the thread entry built beside it, as on this thread', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-bundle-'));
    try {
      const sweep = (workers: string) => {
        const out = join(dir, `w${workers}`);
        const r = spawnSync(
          process.execPath,
          [
            `${ROOT}bin/execsim.js`,
            'sweep',
            'test/scenario/fixtures/threads.yaml',
            '--workers',
            workers,
            '--out',
            out,
            '--quiet',
          ],
          { encoding: 'utf8', cwd: ROOT },
        );
        expect(r.stderr).toBe('');
        expect(r.status).toBe(0);
        return readFileSync(join(out, 'report.json'), 'utf8');
      };
      expect(sweep('2')).toBe(sweep('0'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads a Parquet file into an empty cache and then from it, with the bundled apache-arrow', () => {
    const cache = mkdtempSync(join(tmpdir(), 'execsim-bundle-cache-'));
    try {
      const inspect = () =>
        spawnSync(
          process.execPath,
          [`${ROOT}bin/execsim.js`, 'data', 'inspect', 'datasets/binance-usdm/BTCUSDT/2024-08-08.parquet'],
          { encoding: 'utf8', cwd: ROOT, env: { ...process.env, EXECSIM_CACHE_DIR: cache } },
        );
      const cold = inspect();
      expect(cold.stderr).toBe('');
      expect(cold.status).toBe(0);
      const entries = readdirSync(cache).filter((f) => f.endsWith('.arrows'));
      expect(entries).toHaveLength(1);
      const warm = inspect();
      expect(warm.status).toBe(0);
      expect(warm.stdout).toBe(cold.stdout);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});
