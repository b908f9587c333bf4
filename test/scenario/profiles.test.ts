import { describe, expect, it } from 'vitest';
import { cellAt, parseScenario, planScenario, scanDataset, volumeBetween } from '../../src/scenario/index.ts';

const TEXT = `name: vwap
seed: 5
datasets: [datasets/nasdaq/AAPL/2012-06-21.parquet]
generate: { windows: 2, durationSeconds: 10, size: 100 }
strategies:
  - { name: VWAP }
  - { name: VWAP, label: V5, params: { intervalSeconds: 2 } }
  - { name: VWAP, label: FIXED, params: { slices: 2, profile: [1, 3] } }
  - { name: TWAP }
`;

describe('VWAP volume profiles from the data', () => {
  it('fills each VWAP cell with the traded volume per slice of its window', async () => {
    const plan = await planScenario(parseScenario(TEXT, 'vwap.yaml'));
    const scan = await scanDataset(plan.datasets[0].ref);
    for (const w of plan.windows) {
      const ten = cellAt(plan, w.index * 4).params.profile as number[];
      expect(ten).toHaveLength(10);
      for (let i = 0; i < 10; i++) {
        expect(ten[i]).toBe(volumeBetween(scan, w.startUs + i * 1_000_000, w.startUs + (i + 1) * 1_000_000));
      }
      const five = cellAt(plan, w.index * 4 + 1).params.profile as number[];
      expect(five).toHaveLength(5);
      expect(five.reduce((a, b) => a + b, 0)).toBe(volumeBetween(scan, w.startUs, w.endUs));
      expect(cellAt(plan, w.index * 4 + 2).params).toEqual({ slices: 2, profile: [1, 3] });
      expect(cellAt(plan, w.index * 4 + 3).params).toEqual({});
    }
  });
});
