import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const TAPE = `${ROOT}test/scenario/fixtures/tape-executor.ts`;
const SMALL = `${ROOT}test/scenario/fixtures/small.yaml`;
const dir = mkdtempSync(join(tmpdir(), 'execsim-check-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function execsim(...args: string[]) {
  const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('execsim check', () => {
  const scenario = join(dir, 'small.yaml');
  const golden = join(dir, 'golden');
  const junit = join(dir, 'junit.xml');
  copyFileSync(SMALL, scenario);

  it('writes goldens with --update, then passes against them and writes JUnit XML', () => {
    const up = execsim('check', scenario, '--golden', golden, '--update', '--executor', TAPE);
    expect(up.stderr).toBe('');
    expect(up.code).toBe(0);
    expect(up.stdout).toContain('UPDATED   small');
    expect(existsSync(join(golden, 'small.json'))).toBe(true);
    const ok = execsim('check', scenario, '--golden', golden, '--junit', junit, '--executor', TAPE);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('1/1 scenarios match their goldens');
    expect(readFileSync(junit, 'utf8')).toContain('tests="1" failures="0"');
  });

  it('fails with a readable diff and a JUnit failure when a venue parameter changes', () => {
    writeFileSync(scenario, readFileSync(SMALL, 'utf8').replace('takerBps: 0.3', 'takerBps: 0.5'));
    const r = execsim('check', scenario, '--golden', golden, '--junit', junit, '--executor', TAPE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('FAIL      small');
    expect(r.stdout).toMatch(/ value\(s\) differ from .*golden\/small\.json:\n/);
    // A fee of 0.3 bps became 0.5 bps: each cell's fee grows by 5/3.
    const goldenCells = JSON.parse(readFileSync(join(golden, 'small.json'), 'utf8')).cells;
    const fee0 = Number(goldenCells[0].record.fee);
    const line = r.stdout.split('\n').find((l) => l.startsWith('  cells[0].record.fee: '));
    expect(line).toBeDefined();
    const got = Number(/got "([\d.]+)"/.exec(line ?? '')?.[1]);
    expect(got).toBeCloseTo((fee0 * 5) / 3, 5);
    expect(r.stdout).toContain('0/1 scenarios match their goldens');
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('tests="1" failures="1"');
    expect(xml).toMatch(/<failure message="\d+ value\(s\) differ from [^"]*small\.json:">/);
  });

  it('fails when a scenario has no golden', () => {
    const r = execsim('check', scenario, '--golden', join(dir, 'empty'), '--executor', TAPE);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NO-GOLDEN small');
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
