/**
 * Runs every benchmark script in its own process (so each one's peak RSS is its own) and writes
 * bench/results/latest.json and latest.md. Each script prints `{"figures":[…]}` as its last line.
 * Run: npm run bench [-- --quick]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Figure, figure, machine } from './lib/figures.ts';

const quick = process.argv.includes('--quick');
/** `--render`: rewrite latest.md from latest.json without running anything. */
const renderOnly = process.argv.includes('--render');
const here = new URL('.', import.meta.url).pathname;

/** Script and its arguments; quick mode uses smaller inputs. */
const SCRIPTS: [string, string[]][] = [
  ['book.ts', [quick ? '500000' : '5000000']],
  // Five back-to-back pairs: the reader's ratio to DuckDB's floor is the figure that drifts most
  // with the VM's phase (0.78-1.40x over three-pair runs of the same code).
  ['reader.ts', ['--json', '--rows', quick ? '500000' : '5000000', '--runs', quick ? '3' : '5']],
  ['decode-peers.ts', [quick ? '50000' : '100000']],
  ['venue.ts', [quick ? '1000000' : '5000000']],
  // The 1 M and 5 M days show growth with length: the floor and TWAP suffice there.
  ['sim-day.ts', ['1000000', '3', '--strategies', 'none,TWAP']],
  ['sim-day.ts', ['5000000', '3', '--strategies', 'none,TWAP']],
  ['sim-day.ts', [quick ? '5000000' : '27500000']],
  ['execution.ts', []],
  ['sweep.ts', [quick ? '1' : '3']],
];

const out = join(here, 'results');
let result: { machine: Record<string, string | number>; figures: Figure[]; failures: string[] };
if (renderOnly) {
  result = JSON.parse(readFileSync(join(out, 'latest.json'), 'utf8'));
} else {
  const figures: Figure[] = [];
  const failures: string[] = [];
  const start = process.hrtime.bigint();
  for (const [script, args] of SCRIPTS) {
    const path = join(here, script);
    if (!existsSync(path)) continue;
    process.stderr.write(`bench: ${script} ${args.join(' ')}`);
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--expose-gc', path, ...args], {
      encoding: 'utf8',
      maxBuffer: 64 * 2 ** 20,
    });
    process.stderr.write(` (${elapsed(t0).toFixed(0)} s)\n`);
    const last = r.stdout.trim().split('\n').at(-1) ?? '';
    try {
      figures.push(...(JSON.parse(last) as { figures: Figure[] }).figures);
    } catch {
      failures.push(
        `${script}: exit ${r.status}: ${(r.stderr || last).trim().split('\n').slice(-3).join(' | ')}`,
      );
    }
  }

  // The whole run's length, generating the bench days included when they were missing.
  figures.push(figure('bench.total_seconds', elapsed(start), 's'));
  mkdirSync(out, { recursive: true });
  result = { machine: machine(), figures, failures };
  write(join(out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
}
const { figures, failures } = result;

const rows = figures.map(
  (f) =>
    `| ${f.name} | ${num(f.value)} ${f.unit} | ${f.baselineName ?? f.note ?? ''} ${f.baseline != null ? num(f.baseline) : ''} | ${f.ratio != null ? num(f.ratio) : ''} |`,
);
const md = [
  `Machine: ${Object.values(result.machine).join(', ')}`,
  '',
  '| figure | value | baseline (same run) | ratio |',
  '| --- | --- | --- | --- |',
  ...rows,
  ...(failures.length ? ['', 'Failed:', ...failures.map((f) => `- ${f}`)] : []),
  '',
].join('\n');
write(join(out, 'latest.md'), md);
process.stdout.write(md);

function elapsed(t0: bigint): number {
  return Number(process.hrtime.bigint() - t0) / 1e9;
}

function write(file: string, text: string): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

function num(x: number): string {
  return x.toLocaleString('en-US', { maximumSignificantDigits: 4 });
}
