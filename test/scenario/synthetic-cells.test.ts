import { describe, expect, it, vi } from 'vitest';
import { canonicalJson } from '../../src/core/index.ts';
import { keptBatches } from '../../src/scenario/dataset-memo.ts';
import { executeCell } from '../../src/scenario/execute-cell.ts';
import { cellAt, parseScenario, planScenario } from '../../src/scenario/index.ts';

const SCENARIO = `
name: synthetic-cells
seed: 3
datasets: [{ synthetic: { events: 200000, seed: 7 } }]
generate: { windows: 2, durationSeconds: 1800, side: alternate, size: { fractionOfVolume: 0.05 } }
strategies: [{ name: TWAP }, { name: PASSIVE }]
seeds: [1]
`;

describe('cells on a synthetic day', () => {
  it('generate the day once per thread and give the records a fresh generation from the first row gives', async () => {
    const plan = await planScenario(parseScenario(SCENARIO, 'synthetic-cells.yaml'));
    // Planning generated the day, and this thread keeps it: its cells start from a book near their window.
    const ref = plan.datasets[0].ref;
    expect((await keptBatches(ref))?.batches.reduce((n, b) => n + b.length, 0)).toBe(200_000);
    const kept = [];
    for (let i = 0; i < plan.cellCount; i++)
      kept.push(canonicalJson(await executeCell(plan, cellAt(plan, i))));

    // On a thread of its own (fresh modules, nothing kept), a cell generates the day and replays it
    // from its first row: the same record; and the day is then kept for the thread's next cell.
    for (let i = 0; i < plan.cellCount; i++) {
      vi.resetModules();
      const memo = await import('../../src/scenario/dataset-memo.ts');
      const thread = await import('../../src/scenario/execute-cell.ts');
      expect(await memo.keptBatches(ref)).toBeUndefined();
      expect(canonicalJson(await thread.executeCell(plan, cellAt(plan, i)))).toBe(kept[i]);
      expect((await memo.keptBatches(ref))?.batches.reduce((n, b) => n + b.length, 0)).toBe(200_000);
    }
  });
});
