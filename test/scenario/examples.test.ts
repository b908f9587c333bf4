import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseScenario, planScenario } from '../../src/scenario/index.ts';

const files = ['scenarios', 'scenarios/regression'].flatMap((d) =>
  readdirSync(d)
    .filter((n) => n.endsWith('.yaml'))
    .map((n) => join(d, n)),
);

describe('shipped scenarios', () => {
  it('all validate', () => {
    expect(files).toContain('scenarios/demo.yaml');
    for (const f of files) expect(loadScenario(f).spec.strategies.length).toBeGreaterThan(0);
  });

  it('plan to the documented grids (synthetic sweep: 4 days × 50 windows × 5 variants × 3 seeds)', async () => {
    const cells: Record<string, number> = {};
    for (const f of files.filter((x) => !x.includes('synthetic')))
      cells[f] = (await planScenario(loadScenario(f))).cellCount;
    expect(cells).toEqual({
      'scenarios/amzn-day.yaml': 20 * 5,
      'scenarios/btcusdt-futures.yaml': 6 * 6,
      'scenarios/btcusdt-spot.yaml': 3 * 4 * 3,
      'scenarios/demo.yaml': 12 * 5,
      'scenarios/regression/aapl-open.yaml': 4 * 4,
      'scenarios/regression/amzn-session.yaml': 2 * 5,
    });
    const sweep = loadScenario('scenarios/synthetic-sweep.yaml').spec;
    expect(sweep.datasets).toHaveLength(4);
    expect(sweep.datasets.length * (sweep.generate?.windows ?? 0) * 5 * sweep.seeds.length).toBe(3000);
  });

  it('refuses a baseline that is not one of the strategies', async () => {
    const text = `name: b
seed: 1
datasets: [datasets/nasdaq/AAPL/2012-06-21.parquet]
generate: { windows: 1, durationSeconds: 5, size: 10 }
strategies: [{ name: TWAP }, { name: POV }]
tca: { baseline: VWAP }
`;
    await expect(planScenario(parseScenario(text, 'b.yaml'))).rejects.toThrow(
      'b.yaml: bad-scenario: tca.baseline: expected one of the strategy labels (TWAP, POV), got VWAP',
    );
  });
});
