import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const dir = mkdtempSync(join(tmpdir(), 'execsim-demo-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('execsim demo', () => {
  it('compares the five strategies on the bundled data and points at an offline HTML report', () => {
    const out = join(dir, 'demo');
    const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, 'demo', '--out', out, '--quiet'], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(
      'execsim demo: scenarios/demo.yaml — 3 bundled datasets, 12 windows, 5 strategies',
    );
    const rows = r.stdout.split('\n').filter((l) => /^(TWAP|VWAP|ADAPTIVE|AGGRESSIVE|PASSIVE) +12 /.test(l));
    expect(rows.map((l) => l.split(' ')[0])).toEqual(['TWAP', 'VWAP', 'ADAPTIVE', 'AGGRESSIVE', 'PASSIVE']);
    expect(rows[0]).toContain('(baseline)');
    expect(r.stdout).toContain(`HTML report (opens offline): ${join(out, 'report.html')}`);
    const html = readFileSync(join(out, 'report.html'), 'utf8');
    expect(html).toContain('<svg');
    expect(html).not.toMatch(/<script[^>]+src=|<link[^>]+href="http/);
    const report = JSON.parse(readFileSync(join(out, 'report.json'), 'utf8'));
    expect(Object.keys(report.strategies).sort()).toEqual([
      'ADAPTIVE',
      'AGGRESSIVE',
      'PASSIVE',
      'TWAP',
      'VWAP',
    ]);
    expect(report.comparisons).toHaveLength(4);
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  });

  it('run from another folder, says where it runs instead of failing on a path', () => {
    const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, 'demo', '--quiet'], {
      encoding: 'utf8',
      cwd: dir,
    });
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(
      'execsim: scenarios/demo.yaml: no-scenario: execsim demo runs in the execsim folder, which holds its scenario and the bundled datasets/\n',
    );
    expect(existsSync(join(dir, 'reports'))).toBe(false);
  });
});
