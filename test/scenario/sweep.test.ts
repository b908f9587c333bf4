import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWithLength, readEventMeta, readEvents, writeEventFile } from '../../src/data/index.ts';
import { analyzeCells } from '../../src/scenario/analyze.ts';
import { executeCell } from '../../src/scenario/execute-cell.ts';
import {
  CellStore,
  canonicalJson,
  cellAt,
  collectResults,
  deriveSeed,
  loadScenario,
  mergeOutputs,
  type Plan,
  PoolThreads,
  planScenario,
  resultsText,
  runCells,
  scanDataset,
  volumeBetween,
  writeResults,
} from '../../src/scenario/index.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const TAPE = `${ROOT}test/scenario/fixtures/tape-executor.ts`;
const CRASH = `${ROOT}test/scenario/fixtures/crash-executor.ts`;
const UNLOADABLE = `${ROOT}test/scenario/fixtures/unloadable-executor.ts`;
const EXITING = `${ROOT}test/scenario/fixtures/exiting-executor.ts`;

let plan: Plan;
let dir: string;
let serial: string;

async function resultsOf(out: string): Promise<string> {
  return readFileSync(await writeResults(out, collectResults(plan, new CellStore(out))), 'utf8');
}

beforeAll(async () => {
  plan = await planScenario(loadScenario('test/scenario/fixtures/small.yaml'));
  dir = mkdtempSync(join(tmpdir(), 'execsim-sweep-'));
  const summary = await runCells(plan, { out: join(dir, 'serial'), executor: TAPE });
  expect(summary).toEqual({ total: 18, ran: 18, reused: 0 });
  serial = await resultsOf(join(dir, 'serial'));
  return () => rmSync(dir, { recursive: true, force: true });
});

describe('results.json', () => {
  it("is the cell files' text indented into the envelope: the canonical JSON of the records", () => {
    const store = new CellStore(join(dir, 'serial'));
    const results = collectResults(plan, store);
    const text = [...resultsText(plan, store)].join('');
    expect(results.cells.map((c) => c.index)).toEqual([...Array(18).keys()]);
    expect(text).toBe(canonicalJson(results));
    expect(JSON.parse(text)).toEqual(results);
  });

  it('stays canonical when a cell file was rewritten with other line ends', () => {
    const out = join(dir, 'crlf');
    cpSync(join(dir, 'serial'), out, { recursive: true });
    const store = new CellStore(out);
    const cell = store.cellPath(3);
    writeFileSync(cell, readFileSync(cell, 'utf8').replaceAll('\n', '\r\n'));
    const text = [...resultsText(plan, store)].join('');
    expect(text).toBe(canonicalJson(collectResults(plan, store)));
    expect(text).toBe(serial);
  });

  it('names the cell file that is not JSON, and leaves the old results.json in place', async () => {
    const out = join(dir, 'damaged');
    cpSync(join(dir, 'serial'), out, { recursive: true });
    writeFileSync(join(out, 'results.json'), serial);
    const store = new CellStore(out);
    writeFileSync(store.cellPath(7), readFileSync(store.cellPath(7), 'utf8').slice(0, 100));
    await expect(writeResults(out, resultsText(plan, store))).rejects.toThrow(
      `${store.cellPath(7)}: not JSON`,
    );
    expect(readFileSync(join(out, 'results.json'), 'utf8')).toBe(serial);
    expect(readdirSync(out).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('plan', () => {
  it('is the grid windows × variants × seeds, every strategy on the same windows', () => {
    expect(plan.cellCount).toBe(3 * 3 * 2);
    expect(plan.variants.map((v) => v.label)).toEqual([
      'TWAP[sliceSeconds=1]',
      'TWAP[sliceSeconds=2]',
      'AGGRESSIVE',
    ]);
    expect(plan.variants[1].params).toEqual({ sliceSeconds: 2 });
    const c = cellAt(plan, 7);
    expect(c.key).toBe('w1/TWAP[sliceSeconds=1]/s2');
    expect(c.window).toBe(plan.windows[1]);
    expect(c.cellSeed).toBe(deriveSeed(7, 'w1/TWAP[sliceSeconds=1]/s2'));
    expect(plan.windows.map((w) => w.side)).toEqual([1, -1, 1]);
  });

  it('sizes each window as the fraction of its traded volume, floored to the lot', async () => {
    const scan = await scanDataset(plan.datasets[0].ref);
    for (const w of plan.windows) {
      expect(w.endUs - w.startUs).toBe(5_000_000);
      expect(w.dataStartUs).toBe(scan.firstUs);
      expect(w.startUs - scan.firstUs).toBeGreaterThanOrEqual(1_000_000);
      expect(w.endUs).toBeLessThanOrEqual(scan.lastUs);
      expect(Number(w.size)).toBe(Math.floor(volumeBetween(scan, w.startUs, w.endUs) * 0.1));
    }
  });

  it('is the same plan when planned again (same windows, same fingerprint)', async () => {
    const again = await planScenario(loadScenario('test/scenario/fixtures/small.yaml'));
    expect(canonicalJson(again)).toBe(canonicalJson(plan));
  });
});

describe('determinism and scale', () => {
  it('gives byte-identical results twice', async () => {
    await runCells(plan, { out: join(dir, 'again'), executor: TAPE });
    expect(await resultsOf(join(dir, 'again'))).toBe(serial);
    const cells = JSON.parse(serial).cells as { key: string; record: { trades: number } }[];
    expect(cells.map((c) => c.key).slice(0, 3)).toEqual([
      'w0/TWAP[sliceSeconds=1]/s1',
      'w0/TWAP[sliceSeconds=1]/s2',
      'w0/TWAP[sliceSeconds=2]/s1',
    ]);
    expect(cells[0].record.trades).toBeGreaterThan(0);
  });

  it('gives the same bytes with 1 and 2 worker threads', async () => {
    await runCells(plan, { out: join(dir, 'w1'), executor: TAPE, workers: 1 });
    await runCells(plan, { out: join(dir, 'w2'), executor: TAPE, workers: 2 });
    expect(await resultsOf(join(dir, 'w1'))).toBe(serial);
    expect(await resultsOf(join(dir, 'w2'))).toBe(serial);
  });

  it('gives the same bytes on threads started before the plan; unused ones are ended', async () => {
    const threads = new PoolThreads(TAPE, 2);
    await runCells(plan, { out: join(dir, 'early'), executor: TAPE, workers: 2, threads });
    expect(await resultsOf(join(dir, 'early'))).toBe(serial);
    expect(threads.take()).toBeUndefined();
    // Nothing left to run: the threads started for it are ended, and the call returns.
    const idle = new PoolThreads(TAPE, 2);
    const again = await runCells(plan, {
      out: join(dir, 'early'),
      executor: TAPE,
      workers: 2,
      resume: true,
      threads: idle,
    });
    expect(again).toEqual({ total: 18, ran: 0, reused: 18 });
    expect(idle.take()).toBeUndefined();
  });

  it('reports a thread whose executor fails to load or exits, whether before the pool took it or after', async () => {
    const threads = new PoolThreads(UNLOADABLE, 1);
    // Time for the thread to load (through tsx) and fail before the pool listens to it.
    await new Promise((r) => setTimeout(r, 3000));
    await expect(
      runCells(plan, { out: join(dir, 'unloadable'), executor: UNLOADABLE, workers: 1, threads }),
    ).rejects.toThrow('this executor cannot be loaded');
    await expect(
      runCells(plan, { out: join(dir, 'unloadable'), executor: UNLOADABLE, workers: 1, resume: true }),
    ).rejects.toThrow('this executor cannot be loaded');
    // A thread that exits as it loads, before or after the pool took it.
    const exiting = new PoolThreads(EXITING, 1);
    await new Promise((r) => setTimeout(r, 3000));
    await expect(
      runCells(plan, { out: join(dir, 'exiting'), executor: EXITING, workers: 1, threads: exiting }),
    ).rejects.toThrow('a worker exited (code 3) before its first cell');
    await expect(
      runCells(plan, { out: join(dir, 'exiting'), executor: EXITING, workers: 1, resume: true }),
    ).rejects.toThrow('a worker exited (code 3) before its first cell');
  });

  it('gives the same bytes from 2 shards merged', async () => {
    const s0 = await runCells(plan, { out: join(dir, 's0'), executor: TAPE, shard: { index: 0, count: 2 } });
    const s1 = await runCells(plan, { out: join(dir, 's1'), executor: TAPE, shard: { index: 1, count: 2 } });
    expect([s0.total, s1.total]).toEqual([9, 9]);
    expect(readdirSync(join(dir, 's0', 'cells'))[1]).toBe('00000002.json');
    const { store } = await mergeOutputs([join(dir, 's0'), join(dir, 's1')], join(dir, 'merged'));
    expect(store.done().size).toBe(18);
    expect(await resultsOf(join(dir, 'merged'))).toBe(serial);
  });

  it('refuses to merge an incomplete set of shards', async () => {
    await expect(mergeOutputs([join(dir, 's0')], join(dir, 'half'))).rejects.toThrow(
      'incomplete: 9 of 18 cells missing after merge (1, 3, 5',
    );
  });

  it('resumes a killed sweep without redoing finished cells and ends identical', async () => {
    const out = join(dir, 'killed');
    process.env.EXECSIM_TEST_CRASH_AT = '5';
    try {
      await expect(runCells(plan, { out, executor: CRASH, workers: 1 })).rejects.toThrow(
        'a worker exited (code 3) in the middle of a cell',
      );
    } finally {
      delete process.env.EXECSIM_TEST_CRASH_AT;
    }
    const persisted = new CellStore(out).done();
    expect([...persisted].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    await expect(runCells(plan, { out, executor: TAPE })).rejects.toThrow('cells-exist');
    const resumed = await runCells(plan, { out, executor: TAPE, resume: true });
    expect(resumed).toEqual({ total: 18, ran: 13, reused: 5 });
    expect(await resultsOf(out)).toBe(serial);
  });

  it('starts over with fresh, refuses another plan in the same folder', async () => {
    const out = join(dir, 'w1');
    expect(await runCells(plan, { out, executor: TAPE, fresh: true })).toEqual({
      total: 18,
      ran: 18,
      reused: 0,
    });
    expect(await resultsOf(out)).toBe(serial);
    const other = await planScenario(loadScenario('test/scenario/fixtures/market.yaml'));
    await expect(runCells(other, { out, executor: TAPE })).rejects.toThrow('other-plan');
    // Starting over (run, compare) clears only a run of the same scenario, edited or not.
    await expect(runCells(other, { out, executor: TAPE, fresh: true })).rejects.toThrow(
      `${out} holds cells of scenario 'small', not 'market'; use another --out or remove it`,
    );
    expect(await resultsOf(out)).toBe(serial);
    const small = loadScenario('test/scenario/fixtures/small.yaml');
    const edited = await planScenario({ ...small, spec: { ...small.spec, seeds: [9] } });
    expect(edited.fingerprint).not.toBe(plan.fingerprint);
    const again = await runCells(edited, { out, executor: TAPE, fresh: true });
    expect(again).toEqual({ total: edited.cellCount, ran: edited.cellCount, reused: 0 });
    expect(new CellStore(out).done().size).toBe(edited.cellCount);
  });

  it('is another plan when a dataset file is rewritten with other bytes, so resume refuses its cells', async () => {
    const file = join(dir, 'aapl.parquet');
    cpSync(plan.datasets[0].ref.kind === 'file' ? plan.datasets[0].ref.path : '', file);
    const small = loadScenario('test/scenario/fixtures/small.yaml');
    const onCopy = { ...small, datasets: [{ kind: 'file' as const, path: file }] };
    const before = await planScenario(onCopy);
    const out = join(dir, 'rewritten');
    await runCells(before, { out, executor: TAPE });
    // The same rows and windows; only a note in the file's metadata differs.
    const { meta } = await readEventMeta(file);
    const rows = [];
    for await (const b of readEvents(file, { cache: false })) rows.push(batchWithLength(b, b.length));
    await writeEventFile(file, { ...meta, provenance: { ...meta.provenance, notes: 'rewritten' } }, rows);
    const after = await planScenario(onCopy);
    expect(after.windows).toEqual(before.windows);
    expect(after.datasets[0].sha256).not.toBe(before.datasets[0].sha256);
    expect(after.fingerprint).not.toBe(before.fingerprint);
    await expect(runCells(after, { out, executor: TAPE, resume: true })).rejects.toThrow('other-plan');
    // Cells and TCA of the old plan refuse the new bytes rather than mix the two.
    const changed = `${file}: dataset-changed: its bytes changed since the plan was made`;
    await expect(executeCell(before, cellAt(before, 0))).rejects.toThrow(changed);
    await expect(analyzeCells(before, collectResults(before, new CellStore(out)).cells)).rejects.toThrow(
      changed,
    );
  });

  it('re-runs only deleted cells on resume', async () => {
    const out = join(dir, 'again');
    const store = new CellStore(out);
    rmSync(store.cellPath(3));
    rmSync(store.cellPath(17));
    expect(await runCells(plan, { out, executor: TAPE, resume: true })).toEqual({
      total: 18,
      ran: 2,
      reused: 16,
    });
    expect(await resultsOf(out)).toBe(serial);
  });
});
