import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EventKind, SCHEMA_VERSION, writeEventFile } from '../../src/data/index.ts';
import { batchOf } from '../venue/harness.ts';
import { execsim, ROOT } from './execsim-process.ts';

const EXECUTOR = `${ROOT}test/scenario/fixtures/market-order-executor.ts`;
const SMALL = 'test/scenario/fixtures/market.yaml';
const dir = mkdtempSync(join(tmpdir(), 'execsim-sweep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('execsim run, sweep and merge', () => {
  it('run writes results.json, the reports and a JSON summary', () => {
    const r = execsim('run', SMALL, '--out', join(dir, 'run'), '--executor', EXECUTOR, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary).toMatchObject({ scenario: 'market', total: 12, ran: 12, reused: 0, shard: null });
    // Where the command's time went, phase by phase, in order (for the reader, never in a report).
    expect(Object.keys(summary.seconds)).toEqual(['startup', 'plan', 'firstCell', 'cells', 'report']);
    for (const s of Object.values(summary.seconds)) expect(s).toBeGreaterThanOrEqual(0);
    expect(readFileSync(join(dir, 'run', 'report.json'), 'utf8')).not.toContain('firstCell');
  });

  it('2 shards merged give the bytes of run (results and every report file)', () => {
    const s0 = execsim(
      'sweep',
      SMALL,
      '--workers',
      '1',
      '--shard',
      '0/2',
      '--out',
      join(dir, 's0'),
      '--executor',
      EXECUTOR,
    );
    expect(s0.stdout).toContain('market: 6 cells (6 run, 0 reused)');
    expect(s0.stdout).toContain('combine with execsim merge');
    execsim(
      'sweep',
      SMALL,
      '--workers',
      '0',
      '--shard',
      '1/2',
      '--out',
      join(dir, 's1'),
      '--executor',
      EXECUTOR,
    );
    const m = execsim('merge', join(dir, 's0'), join(dir, 's1'), '--out', join(dir, 'merged'));
    expect(m.code).toBe(0);
    expect(m.stdout).toContain('market: merged 12 cells from 2 folders');
    for (const file of ['results.json', 'report.json', 'report.md', 'report.html']) {
      const run = readFileSync(join(dir, 'run', file), 'utf8');
      expect(readFileSync(join(dir, 'merged', file), 'utf8')).toBe(run);
    }
    const report = JSON.parse(readFileSync(join(dir, 'run', 'report.json'), 'utf8'));
    expect(Object.keys(report.strategies).sort()).toEqual(['HALF', 'MKT']);
    expect(report.comparisons[0]).toMatchObject({ strategy: 'HALF', baseline: 'MKT', pairs: 6 });
  });

  it('sweep --resume keeps the finished cells', () => {
    const resumed = execsim(
      'sweep',
      SMALL,
      '--resume',
      '--out',
      join(dir, 'run'),
      '--executor',
      EXECUTOR,
      '--json',
    );
    const summary = JSON.parse(resumed.stdout);
    expect(summary).toMatchObject({ total: 12, ran: 0, reused: 12 });
    // No cell ran, so there is no first cell to time.
    expect(Object.keys(summary.seconds)).toEqual(['startup', 'plan', 'cells', 'report']);
  });

  it('rejects a bad shard with exit 2 and one line', () => {
    const bad = execsim('sweep', SMALL, '--shard', '2/2');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("execsim: bad-shard: --shard '2/2': expected i/n with 0 ≤ i < n, e.g. 0/4\n");
  });

  it('rejects a worker count that is not a whole number ≥ 0, before it writes anything', () => {
    for (const [command, count, shown] of [
      ['sweep', 'abc', 'no number'],
      ['run', '-1', '-1'],
      ['compare', '1.5', '1.5'],
    ]) {
      const out = join(dir, `workers-${command}`);
      const r = execsim(command, SMALL, '--workers', count, '--out', out, '--executor', EXECUTOR);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(
        `execsim: bad-workers: workers: expected a whole number of threads, 0 (this thread) or more, got ${shown}\n`,
      );
      expect(existsSync(out)).toBe(false);
    }
  });

  it('names the scenario file and the cell of a bad parameter, the same on this thread and on a pool', () => {
    const bad = join(dir, 'bad-param.yaml');
    writeFileSync(
      bad,
      // The strategies' own executor (not the test executor, which reads `fraction` unchecked).
      readFileSync(join(ROOT, SMALL), 'utf8').replace(
        'params: { fraction: 0.5 }',
        'params: { limitBps: -1 }',
      ),
    );
    const lines = [
      execsim('run', bad, '--out', join(dir, 'bad-run')),
      execsim('sweep', bad, '--workers', '2', '--out', join(dir, 'bad-sweep')),
    ].map((r) => {
      expect(r.code).toBe(2);
      return r.stderr;
    });
    expect(lines[0]).toBe(
      `execsim: ${bad}: bad-strategy: cell w0/HALF/s1: AGGRESSIVE: parameter limitBps must be a number in [0, Infinity], got -1\n`,
    );
    // Either of the variant's two seeds may fail first on two threads; the message is the same.
    const bySeed = (line: string) => line.replace(/\/s\d+:/, '/s#:');
    expect(bySeed(lines[1])).toBe(bySeed(lines[0]));
  });

  it('refuses a dataset whose rows break the rules before any cell runs: file, row and rule, exit 2', async () => {
    const data = join(dir, 'negative.parquet');
    const b = batchOf([
      [1, 1, EventKind.CLEAR, 0, 0, 0],
      [1, 1, EventKind.SNAPSHOT, 1, 100, 1],
      [1, 1, EventKind.SNAPSHOT, -1, 101, 1],
      [2, 2, EventKind.DEPTH, 1, 100, -1],
    ]);
    const instrument = { venue: 't', symbol: 'T', tickSize: '1', lotSize: '1' };
    const provenance = { source: 'test', inputs: [], importer: 'test', findings: {} };
    await writeEventFile(data, { schemaVersion: SCHEMA_VERSION, instrument, provenance }, [b]);
    const bad = join(dir, 'bad-data.yaml');
    writeFileSync(
      bad,
      readFileSync(join(ROOT, SMALL), 'utf8').replace(
        'datasets: [datasets/nasdaq/AAPL/2012-06-21.parquet]',
        `datasets: [${data}]`,
      ),
    );
    for (const args of [
      ['run', bad],
      ['sweep', bad, '--workers', '2'],
    ]) {
      const out = join(dir, `bad-data-${args[0]}`);
      const r = execsim(...args, '--out', out, '--executor', EXECUTOR);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`execsim: ${data}:row 4: negative-size: size -1 is negative\n`);
      expect(existsSync(join(out, 'cells'))).toBe(false);
    }
  });

  it('exits 2 on a scenario it cannot read, with its pool threads already started', () => {
    // The threads start before the scenario is read; they must not keep the process alive.
    const r = spawnSync(
      process.execPath,
      [`${ROOT}bin/execsim.js`, 'sweep', 'missing.yaml', '--workers', '2'],
      {
        encoding: 'utf8',
        cwd: ROOT,
        timeout: 30_000,
      },
    );
    expect(r.signal).toBeNull();
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('execsim: missing.yaml: no-scenario: cannot read the scenario file\n');
  });
});
