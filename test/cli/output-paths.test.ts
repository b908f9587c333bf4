import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { execsim, ROOT } from './execsim-process.ts';

const SIM = `${ROOT}test/fixtures/sim/01-depth-best`;
const TCA = `${ROOT}test/fixtures/tca`;
const dir = mkdtempSync(join(tmpdir(), 'execsim-out-paths-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('output paths', () => {
  it('sim makes the folders of its --out, as the other commands do', () => {
    const out = join(dir, 'new', 'deeper', 'events.jsonl');
    const r = execsim('sim', '--events', `${SIM}/events.csv`, '--orders', `${SIM}/orders.csv`, '--out', out);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(`${SIM}/expected.jsonl`, 'utf8'));
  });

  it('an --out that cannot be what the command writes: one line naming it, exit 2, nothing left', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'kept\n');
    const folder = join(dir, 'a-folder');
    mkdirSync(folder);
    const cases: [string[], string][] = [
      [
        ['data', 'generate', '--events', '1000', '--seed', '1', '--out', folder],
        `${folder}: bad-out: is a folder; name the Parquet file to write`,
      ],
      [
        ['run', 'scenarios/regression/aapl-open.yaml', '--out', file],
        `io-error: ENOTDIR: not a directory, mkdir '${file}/cells'`,
      ],
      [
        ['tca', '--orders', `${TCA}/b23-orders.csv`, '--fills', `${TCA}/b23-fills.csv`, '--out', file],
        `io-error: EEXIST: file already exists, mkdir '${file}'`,
      ],
    ];
    for (const [args, line] of cases) {
      const r = execsim(...args);
      expect(r.stderr).toBe(`execsim: ${line}\n`);
      expect(r.code).toBe(2);
    }
    expect(readFileSync(file, 'utf8')).toBe('kept\n');
    expect(readdirSync(folder)).toEqual([]);
    expect(readdirSync(dir).sort()).toEqual(['a-file', 'a-folder', 'new']);
  });
});
