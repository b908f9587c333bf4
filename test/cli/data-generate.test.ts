import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEventMeta, readEvents } from '../../src/data/index.ts';
import { execsim } from './execsim-process.ts';

describe('execsim data generate', () => {
  it('writes the asked rows with synthetic provenance; the same seed gives the same bytes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-gen-'));
    const a = join(dir, 'a.parquet');
    const b = join(dir, 'b.parquet');
    const r = execsim('data', 'generate', '--events', '3000', '--seed', 'x1', '--out', a);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${a}: 3000 synthetic rows (seed x1)\n`);
    expect(execsim('data', 'generate', '--events', '3000', '--seed', 'x1', '--out', b).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
    const { meta, rows } = await readEventMeta(a);
    expect(rows).toBe(3000);
    expect(meta.instrument.venue).toBe('synthetic');
    expect(meta.provenance).toMatchObject({ source: 'synthetic', notes: 'seed x1, 3000 events' });
    let first = -1;
    for await (const batch of readEvents(a, { cache: false })) {
      if (first < 0) first = batch.tsExch[0];
    }
    expect(first).toBe(1_723_075_200_000_000);
    expect(readdirSync(dir).sort()).toEqual(['a.parquet', 'b.parquet']);
  });

  it('rejects a bad --events with exit 2 and one line', () => {
    const dir = mkdtempSync(join(tmpdir(), 'execsim-gen-'));
    const r = execsim('data', 'generate', '--events', '-5', '--seed', '1', '--out', join(dir, 'x.parquet'));
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('execsim: bad-option: --events must be a non-negative integer, got -5\n');
    expect(readdirSync(dir)).toEqual([]);
  });
});
