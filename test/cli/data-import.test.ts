import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventMeta } from '../../src/data/index.ts';
import { execsim, ROOT } from './execsim-process.ts';

const FIX = `${ROOT}test/fixtures/`;
const AAPL = `${FIX}lobster/aapl/AAPL_2012-06-21_34200000_57600000_`;

describe('execsim data import', () => {
  it('writes the Parquet file and prints a one-line summary', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-cli-'));
    const out = join(dir, 'aapl.parquet');
    const r = execsim(
      'data',
      'import',
      'lobster',
      `${AAPL}message_10.csv`,
      `${AAPL}orderbook_10.csv`,
      '--out',
      out,
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(
      `${out}: 1131 rows (DEPTH 951, TRADE 159, CLEAR 1, SNAPSHOT 20), 2012-06-21T13:30:00.004241Z .. 2012-06-21T13:30:49.086375Z, nasdaq AAPL; findings: {"hidden-execution":61}\n`,
    );
    const { meta, rows } = await readEventMeta(out);
    expect(rows).toBe(1131);
    expect(meta.provenance.findings).toEqual({ 'hidden-execution': 61 });
    expect(meta.instrument).toMatchObject({ venue: 'nasdaq', symbol: 'AAPL', tickSize: '0.01' });
  });

  it('passes instrument flags and repairs through', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-cli-'));
    const out = join(dir, 'crossed.parquet');
    const bad = `${FIX}bad/deribit_incremental_book_L2_crossed.csv`;
    const r = execsim(
      'data',
      'import',
      'tardis',
      bad,
      '--out',
      out,
      '--repair',
      'uncross',
      '--venue',
      'deribit-test',
      '--json',
    );
    expect(r.code).toBe(0);
    const summary = JSON.parse(r.stdout);
    expect(summary.rows).toBe(8);
    expect(summary.meta.provenance.findings).toEqual({ 'crossed-book': 1, 'uncross-removed-level': 2 });
    expect((await readEventMeta(out)).meta.instrument.venue).toBe('deribit-test');
  });

  it('bad input: one line on stderr with file, row and rule, exit 2, and no output file left', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-cli-'));
    const out = join(dir, 'gap.parquet');
    const bad = `${FIX}bad/binance-usdm-btcusdt-gap.txt`;
    const r = execsim('data', 'import', 'binance', bad, '--out', out);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      `execsim: ${bad}:row 5: sequence-gap: diff U=120 u=130 pu=115 does not follow the previous diff (u=110); futures rule: pu == previous u (repair: --repair resync)\n`,
    );
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('fails part-way through the inputs (in the third file) without leaving a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-cli-'));
    const out = join(dir, 'x.parquet');
    const r = execsim(
      'data',
      'import',
      'binance',
      `${FIX}binance/spot-btcusdt-20240808-lines1-1000.gz`,
      `${FIX}binance/spot-btcusdt-20240808-lines1001-2000.gz`,
      `${FIX}binance/spot-btcusdt-20240809-head300.gz`,
      '--out',
      out,
    );
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^execsim: .*spot-btcusdt-20240809-head300\.gz:row 1: sequence-gap: /);
    expect(r.stderr.split('\n').length).toBe(2);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('usage errors (unknown importer, unknown repair, no --out) exit 2', () => {
    expect(execsim('data', 'import', 'csv', 'x', '--out', 'y').code).toBe(2);
    expect(execsim('data', 'import', 'tardis', 'x', '--out', 'y', '--repair', 'magic').code).toBe(2);
    expect(execsim('data', 'import', 'tardis', 'x').code).toBe(2);
    const missing = execsim('data', 'import', 'tardis', '/nonexistent.csv', '--out', '/tmp/never.parquet');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('execsim: /nonexistent.csv: unreadable-input: cannot open (ENOENT)\n');
  });
});
