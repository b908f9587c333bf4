import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const execsim = (...args: string[]) =>
  spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, ...args], { encoding: 'utf8' });
const PAPER = [
  '--shares',
  '1000000',
  '--horizon',
  '5',
  '--periods',
  '5',
  '--sigma',
  '0.95',
  '--eta',
  '2.5e-6',
  '--gamma',
  '2.5e-7',
  '--epsilon',
  '0.0625',
];

describe('execsim ac', () => {
  it('prints the Almgren–Chriss trajectory as JSON', () => {
    const r = execsim('ac', ...PAPER, '--lambda', '1e-6', '--json');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(Object.keys(out)).toEqual(['kappa', 'holdings', 'trades', 'expectedCost', 'variance']);
    expect(out.kappa).toBeCloseTo(Math.acosh(1.19), 12);
    expect(out.holdings).toHaveLength(6);
    expect(out.holdings[0]).toBe(1_000_000);
    expect(out.holdings[5]).toBe(0);
    expect(out.trades.reduce((a: number, b: number) => a + b, 0)).toBeCloseTo(1_000_000, 6);
    // V = σ²τΣx_j², recomputed from the printed holdings.
    const v = 0.95 ** 2 * out.holdings.slice(1).reduce((a: number, x: number) => a + x * x, 0);
    expect(out.variance).toBeCloseTo(v, 3);
  });

  it('λ = 0 is the straight line', () => {
    const out = JSON.parse(execsim('ac', ...PAPER, '--lambda', '0', '--json').stdout);
    expect(out.kappa).toBe(0);
    expect(out.holdings).toEqual([1_000_000, 800_000, 600_000, 400_000, 200_000, 0]);
  });

  it('refuses parameters that make η̃ = η − γτ/2 non-positive, exit 2 with one line', () => {
    const r = execsim(
      'ac',
      '--shares',
      '100',
      '--horizon',
      '10',
      '--periods',
      '1',
      '--sigma',
      '1',
      '--eta',
      '1e-6',
      '--gamma',
      '1',
      '--lambda',
      '1',
    );
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('bad-parameter');
  });
});
