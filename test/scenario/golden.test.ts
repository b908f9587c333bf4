import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkScenario, diffGolden, formatDiff, type Json, junitXml } from '../../src/scenario/index.ts';

describe('golden diff', () => {
  const golden: Json = {
    cells: [{ record: { fee: '1.50', trades: 20, venue: 'x' } }, { record: { fee: '2.00', trades: 3 } }],
  };

  it('finds nothing when equal and lists each changed leaf with its path', () => {
    expect(diffGolden(golden, structuredClone(golden))).toEqual([]);
    const actual: Json = {
      cells: [{ record: { fee: '1.60', trades: 20, venue: 'y' } }, { record: { fee: '2.00' } }],
    };
    expect(diffGolden(golden, actual)).toEqual([
      { path: 'cells[0].record.fee', expected: '"1.50"', actual: '"1.60"', tolerance: 0 },
      { path: 'cells[0].record.venue', expected: '"x"', actual: '"y"' },
      { path: 'cells[1].record.trades', expected: '3', actual: '(missing)' },
    ]);
  });

  it('applies the first matching tolerance pattern to numbers and numeric strings', () => {
    const actual: Json = {
      cells: [{ record: { fee: '1.60', trades: 21, venue: 'x' } }, { record: { fee: '2.2', trades: 3 } }],
    };
    expect(diffGolden(golden, actual, { 'cells[*].record.fee': 0.1, '**.trades': 1 })).toEqual([
      { path: 'cells[1].record.fee', expected: '"2.00"', actual: '"2.2"', tolerance: 0.1 },
    ]);
    expect(diffGolden(golden, actual, { '**': 1 })).toEqual([]);
  });

  it('formats a readable diff, capped', () => {
    const diffs = diffGolden({ a: [1, 2, 3] }, { a: [2, 3, 4] });
    expect(formatDiff(diffs, 2)).toBe(
      '  a[0]: expected 1, got 2 (tolerance 0)\n  a[1]: expected 2, got 3 (tolerance 0)\n  … and 1 more',
    );
  });
});

describe('JUnit XML', () => {
  it('writes one testcase per scenario, failures with an escaped message', () => {
    expect(junitXml('execsim check', [{ name: 'a' }, { name: 'b<1>', failure: 'x & "y"\nline 2' }])).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<testsuites name="execsim check" tests="2" failures="1">',
        '  <testsuite name="execsim check" tests="2" failures="1" errors="0" skipped="0">',
        '    <testcase classname="execsim check" name="a"/>',
        '    <testcase classname="execsim check" name="b&lt;1&gt;">',
        '      <failure message="x &amp; &quot;y&quot;">x &amp; &quot;y&quot;\nline 2</failure>',
        '    </testcase>',
        '  </testsuite>',
        '</testsuites>',
        '',
      ].join('\n'),
    );
  });
});

describe('checkScenario', () => {
  it('fails a scenario that has no golden yet, naming the file to create', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-golden-'));
    try {
      const outcome = await checkScenario('test/scenario/fixtures/market.yaml', {
        goldenDir: dir,
        executor: new URL('./fixtures/market-order-executor.ts', import.meta.url).pathname,
      });
      expect(outcome.status).toBe('no-golden');
      expect(outcome.message).toBe(`no golden file ${join(dir, 'market.json')}; run check --update`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
