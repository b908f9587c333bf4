import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/core/index.ts';
import { loadScenario, parseScenario } from '../../src/scenario/index.ts';

const BASE = `name: t
seed: 1
datasets: [datasets/nasdaq/AAPL/*.parquet]
generate: { windows: 2, durationSeconds: 5, size: 100 }
strategies: [{ name: TWAP }]
`;

function errorOf(text: string): InputError {
  try {
    parseScenario(text, 'bad.yaml');
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected an InputError');
}

describe('scenario validation', () => {
  it('accepts a minimal scenario, expands the dataset glob and fills the defaults', () => {
    const s = parseScenario(BASE, 'ok.yaml');
    expect(s.datasets).toEqual([{ kind: 'file', path: 'datasets/nasdaq/AAPL/2012-06-21.parquet' }]);
    expect(s.spec.seeds).toEqual([1]);
    expect(s.spec.tca.markoutsSeconds).toEqual([1, 10, 60, 300]);
    expect(s.spec.generate?.size).toEqual({ kind: 'absolute', value: '100' });
  });

  it('names the file, the path of the bad field and what was expected', () => {
    const e = errorOf(BASE.replace('name: TWAP', 'name: TWAPP'));
    expect(e.rule).toBe('bad-scenario');
    expect(e.file).toBe('bad.yaml');
    expect(e.message).toContain('bad.yaml: bad-scenario: strategies[0].name: ');
    expect(e.message).toContain('expected one of "AGGRESSIVE"|"PASSIVE"|"TWAP"');
  });

  it('reports nested numeric errors with their path', () => {
    const e = errorOf(BASE.replace('windows: 2', 'windows: -2'));
    expect(e.detail).toMatch(/^generate\.windows: Too small: expected number to be >0/);
  });

  it('explains a bad size and a bad parameter value', () => {
    expect(errorOf(BASE.replace('size: 100', 'size: "1e3"')).detail).toContain(
      'generate.size: expected a size in base units',
    );
    expect(errorOf(BASE.replace('{ name: TWAP }', '{ name: TWAP, params: { x: {} } }')).detail).toBe(
      'strategies[0].params.x: expected a number, string, boolean or list of numbers',
    );
  });

  it('requires a seed, a whole number or a string', () => {
    expect(errorOf(BASE.replace('seed: 1\n', '')).message).toBe(
      'bad.yaml: bad-scenario: seed: required: a whole number or a string',
    );
    expect(errorOf(BASE.replace('seed: 1', 'seed: 1.5')).detail).toBe(
      'seed: expected a whole number or a string',
    );
  });

  it('rejects unknown keys, missing orders, and both orders and generate', () => {
    expect(errorOf(`${BASE}colour: red\n`).detail).toContain('Unrecognized key: "colour"');
    expect(errorOf(BASE.replace(/generate:.*\n/, '')).detail).toBe(
      'orders: give exactly one of `orders` or `generate`',
    );
  });

  it('rejects a glob that matches no file and an order on a dataset that is not there', () => {
    expect(errorOf(BASE.replace('AAPL/*', 'NOPE/*')).detail).toBe(
      "datasets[0]: expected an existing Parquet file or glob, 'datasets/nasdaq/NOPE/*.parquet' matches none",
    );
    const twoOrders = BASE.replace(
      /generate:.*\n/,
      'orders: [{ dataset: 1, side: buy, size: 1, start: 0, end: 1 }]\n',
    );
    expect(errorOf(twoOrders).detail).toBe(
      'orders[0].dataset: expected an index below 1 (the number of dataset files), got 1',
    );
  });

  it('reports YAML syntax errors with the line', () => {
    const e = errorOf('name: [unclosed\nseed: 1\n');
    expect(e.rule).toBe('bad-scenario');
    expect(e.detail).toMatch(/^not valid YAML\/JSON/);
    expect(e.row).toBe(2); // the flow sequence opened on line 1 is still open on line 2
  });

  it('reads JSON scenario files too and names a missing file', () => {
    expect(() => loadScenario('scenarios/none.yaml')).toThrow('scenarios/none.yaml: no-scenario');
    const json = JSON.stringify({
      name: 'j',
      seed: 's',
      datasets: ['datasets/nasdaq/AAPL/2012-06-21.parquet'],
      generate: { windows: 1, durationSeconds: 1, size: { fractionOfVolume: 0.5 } },
      strategies: [{ name: 'POV', params: { rate: 0.1 } }],
    });
    expect(parseScenario(json, 'j.json').spec.strategies[0].params).toEqual({ rate: 0.1 });
  });
});
