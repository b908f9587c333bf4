import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  analyzeCells,
  CellStore,
  collectResults,
  finishRun,
  loadScenario,
  planScenario,
  runCells,
} from '../../src/scenario/index.ts';
import { withoutTsx } from '../../src/scenario/thread-flags.ts';
import { simWorkerBundle } from '../../src/scenario/worker-bundle.ts';
import type { OrderAnalysis } from '../../src/tca/index.ts';

describe('pool threads of the simulator', () => {
  it('start from one JavaScript bundle of the sources', async () => {
    const url = await simWorkerBundle();
    expect(url?.pathname).toMatch(/node_modules\/\.cache\/execsim\/sim-worker-[0-9a-f]{16}\.mjs$/);
    const code = readFileSync(fileURLToPath(url as URL), 'utf8');
    // Pure-JS packages are bundled in; DuckDB's bindings stay a package, imported only when a
    // Parquet file is decoded, and threads never load node-api (they only read).
    expect(code).not.toMatch(/from "(decimal\.js|apache-arrow|zod|seedrandom)"/);
    expect(code).toMatch(/import\("@duckdb\/node-bindings"\)/);
    expect(code).not.toMatch(/^import .* from "@duckdb\/node-bindings"/m);
    expect(code).not.toContain('@duckdb/node-api');
    // Its source map is beside it, for stacks printed with src/ paths, and not named in it.
    const map = JSON.parse(readFileSync(`${fileURLToPath(url as URL)}.map`, 'utf8')) as { sources: string[] };
    expect(map.sources).toContain('../../../src/scenario/sim-worker.ts');
    expect(code).not.toContain('sourceMappingURL');
    expect(await simWorkerBundle()).toBe(url);
  });

  it('send each cell’s TCA with its record: the same analyses, and the same report, as made here', async () => {
    const plan = await planScenario(loadScenario('test/scenario/fixtures/threads.yaml'));
    const dir = mkdtempSync(join(tmpdir(), 'execsim-threads-'));
    try {
      const analyses = new Map<number, OrderAnalysis>();
      await runCells(plan, { out: join(dir, 'w2'), workers: 2, analyses });
      expect([...analyses.keys()].sort((a, b) => a - b)).toEqual([...Array(plan.cellCount).keys()]);
      const cells = collectResults(plan, new CellStore(join(dir, 'w2'))).cells;
      const here = await analyzeCells(plan, cells);
      expect(here.length).toBe(plan.cellCount);
      for (const [i, a] of here.entries()) expect(analyses.get(i)).toEqual(a);
      const threads = await finishRun(plan, join(dir, 'w2'), analyses);
      await runCells(plan, { out: join(dir, 'w0'), workers: 0 });
      const local = await finishRun(plan, join(dir, 'w0'));
      const report = (f: string[]) => readFileSync(f.find((x) => x.endsWith('report.json')) ?? '', 'utf8');
      expect(report(threads.files)).toBe(report(local.files));
      expect(existsSync(join(dir, 'w2', 'report.html'))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the Node flags pool threads from the bundle get', () => {
  it('start threads under flags Node refuses for threads, with tsx loaded by flag', () => {
    const script = new URL('./fixtures/pool-under-flags.ts', import.meta.url).pathname;
    const p = spawnSync(
      process.execPath,
      ['--expose-gc', '--max-old-space-size=1024', '--import', 'tsx', script],
      { encoding: 'utf8', cwd: new URL('../../', import.meta.url).pathname },
    );
    expect(p.stderr).not.toMatch(/ERR_WORKER_INVALID_EXEC_ARGV/);
    expect(p.status).toBe(0);
    expect(JSON.parse(p.stdout.trim().split('\n').at(-1) ?? '{}')).toEqual({ ran: 12, analysed: 12 });
  });

  it('drop what loads tsx and keep the rest', () => {
    expect(
      withoutTsx([
        '--require',
        '/p/node_modules/tsx/dist/preflight.cjs',
        '--import',
        'file:///p/node_modules/tsx/dist/loader.mjs',
        '--max-old-space-size=4096',
        '--import=tsx',
        '--import',
        './trace.mjs',
        '--enable-source-maps',
      ]),
    ).toEqual(['--max-old-space-size=4096', '--import', './trace.mjs', '--enable-source-maps']);
    expect(withoutTsx(['--import', 'tsx/esm', '--cpu-prof'])).toEqual(['--cpu-prof']);
  });
});
