import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execsim, ROOT } from './execsim-process.ts';

const EXECUTOR = `${ROOT}test/scenario/fixtures/market-order-executor.ts`;
const SMALL = `${ROOT}test/scenario/fixtures/market.yaml`;
const dir = mkdtempSync(join(tmpdir(), 'execsim-check-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('execsim check on the committed regression scenarios', () => {
  it('re-runs scenarios/regression/* and matches reports/golden/* exactly', () => {
    const r = execsim('check', '--junit', join(dir, 'committed.xml'));
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('PASS      aapl-open (scenarios/regression/aapl-open.yaml)');
    expect(r.stdout).toContain('PASS      amzn-session (scenarios/regression/amzn-session.yaml)');
    expect(r.stdout).toContain('2/2 scenarios match their goldens');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'committed.xml'), 'utf8')).toContain('tests="2" failures="0"');
  });

  it('fails against the committed golden when the venue per-share fee changes', () => {
    const changed = join(dir, 'changed');
    mkdirSync(changed);
    const text = readFileSync(`${ROOT}scenarios/regression/aapl-open.yaml`, 'utf8');
    expect(text).toContain('fees: { perUnit: 0.003 }');
    writeFileSync(join(changed, 'aapl-open.yaml'), text.replace('perUnit: 0.003', 'perUnit: 0.004'));
    const r = execsim('check', join(changed, 'aapl-open.yaml'), '--junit', join(dir, 'changed.xml'));
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^FAIL {6}aapl-open /);
    expect(r.stdout).toMatch(
      /\n {2}strategies\.TWAP\.equalWeightedBps: expected "[-\d.]+", got "[-\d.]+" \(tolerance 0\.0001\)\n/,
    );
    expect(readFileSync(join(dir, 'changed.xml'), 'utf8')).toContain('tests="1" failures="1"');
  });
});

describe('execsim check', () => {
  const scenario = join(dir, 'market.yaml');
  const golden = join(dir, 'golden');
  const junit = join(dir, 'junit.xml');
  copyFileSync(SMALL, scenario);

  it('writes goldens with --update, then passes against them and writes JUnit XML', () => {
    const up = execsim('check', scenario, '--golden', golden, '--update', '--executor', EXECUTOR);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('UPDATED   market');
    expect(existsSync(join(golden, 'market.json'))).toBe(true);
    const ok = execsim('check', scenario, '--golden', golden, '--junit', junit, '--executor', EXECUTOR);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1/1 scenarios match their goldens');
    expect(readFileSync(junit, 'utf8')).toContain('tests="1" failures="0"');
  });

  it('exits 2 with one line for an invalid scenario', () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'name: b\nseed: 1\n');
    const r = execsim('check', bad, '--golden', golden);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad.yaml: bad-scenario: datasets: ');
  });
});
