import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const FIX = `${ROOT}test/fixtures/tca/`;
const AAPL = `${ROOT}datasets/nasdaq/AAPL/2012-06-21.parquet`;

function execsim(...args: string[]) {
  const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, ...args], { encoding: 'utf8', cwd: ROOT });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('execsim tca', () => {
  it('prints the shortfall of behaviour 23 as decimal strings with --json', () => {
    const r = execsim('tca', '--orders', `${FIX}b23-orders.csv`, '--fills', `${FIX}b23-fills.csv`, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.orders[0].shortfall).toEqual({
      delay: '0.00000000',
      trading: '500.00000000',
      opportunity: '200.00000000',
      fees: '0.00000000',
      total: '700.00000000',
      totalBps: '700.0000',
    });
    expect(report.orders[0].benchmarks.decision).toEqual({ price: '20.00000000', slippageBps: '625.0000' });
  });

  it.each([
    ['bad-unknown-fills.csv', 'bad-unknown-fills.csv:row 2: unknown-order'],
    ['bad-over-fills.csv', 'bad-over-fills.csv:row 2: overfill'],
    ['bad-price-fills.csv', 'bad-price-fills.csv:row 1: not-a-number'],
  ])('rejects %s with one line naming file, row and rule, exit 2', (file, expected) => {
    const r = execsim('tca', '--orders', `${FIX}b23-orders.csv`, '--fills', `${FIX}${file}`);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(expected);
  });

  it('writes the reports of a real tape; the same input gives the same bytes; Parquet reads back in DuckDB', async () => {
    const outs = [mkdtempSync(join(tmpdir(), 'execsim-tca-')), mkdtempSync(join(tmpdir(), 'execsim-tca-'))];
    for (const out of outs) {
      const r = execsim(
        'tca',
        '--orders',
        `${FIX}aapl-orders.csv`,
        '--fills',
        `${FIX}aapl-fills.csv`,
        '--market',
        AAPL,
        '--out',
        out,
      );
      expect(r.code).toBe(0);
    }
    for (const f of ['report.json', 'report.md', 'report.html', 'fills.csv', 'orders.csv']) {
      expect(readFileSync(join(outs[0], f), 'utf8')).toBe(readFileSync(join(outs[1], f), 'utf8'));
    }
    const report = JSON.parse(readFileSync(join(outs[0], 'report.json'), 'utf8'));
    expect(Object.keys(report)).toEqual([...Object.keys(report)].sort());
    // twap-1 buys 100@585.68, 100@585.60, 100@585.77 against a decision mid of (585.50+585.68)/2 = 585.59
    const twap1 = report.orders.find((o: { id: string }) => o.id === 'twap-1');
    expect(twap1.decisionPrice).toBe('585.59000000');
    expect(twap1.avgPrice).toBe('585.68333333');
    expect(twap1.shortfall.trading).toBe('28.00000000'); // 100·(0.09 + 0.01 + 0.18)
    expect(twap1.shortfall.fees).toBe('0.50000000');
    expect(report.comparisons).toHaveLength(1);
    const db = await DuckDBInstance.create(':memory:');
    const conn = await db.connect();
    const rows = (
      await conn.runAndReadAll(
        `SELECT order_id, sum(size) FROM read_parquet('${join(outs[0], 'fills.parquet')}') GROUP BY 1 ORDER BY 1`,
      )
    ).getRows();
    expect(rows).toEqual([
      ['agg-1', 300],
      ['agg-2', 200],
      ['twap-1', 300],
      ['twap-2', 150],
    ]);
    conn.closeSync();
  });
});
