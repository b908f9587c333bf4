import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { simCommand } from '../../src/cli/sim.ts';
import { InputError, Instrument } from '../../src/core/index.ts';
import { SCHEMA_VERSION, writeEventFile } from '../../src/data/index.ts';
import { parseEventRow } from '../../src/venue/index.ts';
import { batchOf } from '../venue/harness.ts';
import { execsimIn, ROOT } from './execsim-process.ts';

const FIX = `${ROOT}test/fixtures/sim/`;
const cases = readdirSync(FIX).filter((d) => existsSync(join(FIX, d, 'orders.csv')));

/** Runs the command's handler in this process (the same code the binary runs), output to a file. */
async function sim(dir: string, events = join(dir, 'events.csv')): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'execsim-sim-')), 'out.jsonl');
  const config = existsSync(join(dir, 'venue.json')) ? join(dir, 'venue.json') : undefined;
  const handler = simCommand.handler as (a: Record<string, unknown>) => Promise<void>;
  await handler({
    events,
    orders: join(dir, 'orders.csv'),
    config,
    out,
    _: [],
    $0: 'execsim',
  });
  return readFileSync(out, 'utf8');
}

function execsim(...args: string[]) {
  return execsimIn(FIX, ...args);
}

describe('execsim sim on the behaviour fixtures', () => {
  for (const name of cases.filter((c) => !c.startsWith('bad-'))) {
    it(`${name}: exact JSONL`, async () => {
      const dir = join(FIX, name);
      expect(await sim(dir)).toBe(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
    });
  }
  for (const name of cases.filter((c) => c.startsWith('bad-'))) {
    it(`${name}: rejected with rule, file, row and what was wrong`, async () => {
      const dir = join(FIX, name);
      const want = JSON.parse(readFileSync(join(dir, 'error.json'), 'utf8')) as {
        rule: string;
        file: string;
        row: number;
        detail: string;
      };
      const err = await sim(dir).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(InputError);
      const e = err as InputError;
      expect([e.rule, e.file, e.row, e.detail]).toEqual([
        want.rule,
        join(dir, want.file),
        want.row,
        want.detail,
      ]);
    });
  }
});

describe('execsim sim on Parquet events', () => {
  const inst = new Instrument({ venue: 'sim', symbol: 'SIM', tickSize: '1', lotSize: '1' });
  let tmp: string;
  let savedCache: string | undefined;
  beforeAll(() => {
    tmp = mkdtempSync(join(tmpdir(), 'execsim-simpq-'));
    savedCache = process.env.EXECSIM_CACHE_DIR;
    process.env.EXECSIM_CACHE_DIR = join(tmp, 'cache');
  });
  afterAll(() => {
    if (savedCache === undefined) delete process.env.EXECSIM_CACHE_DIR;
    else process.env.EXECSIM_CACHE_DIR = savedCache;
    rmSync(tmp, { recursive: true, force: true });
  });

  /** The rows of a fixture's events.csv, written unchecked as a Parquet file. */
  async function parquetOf(name: string): Promise<string> {
    const lines = readFileSync(join(FIX, name, 'events.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const b = batchOf(
      lines.map((line, i) => {
        const r = parseEventRow(line, inst, { row: i + 1 });
        return [r.tsExch, r.tsLocal, r.kind, r.side, r.price, r.size];
      }),
    );
    const file = join(tmp, `${name}.parquet`);
    await writeEventFile(
      file,
      {
        schemaVersion: SCHEMA_VERSION,
        instrument: inst.spec(),
        provenance: { source: 'test', inputs: [], importer: 'test', findings: {} },
      },
      [b],
    );
    return file;
  }

  it('gives the same JSONL as the CSV of the same rows', async () => {
    for (const name of ['10-queue-trades', '15-modify', '16-power2']) {
      const dir = join(FIX, name);
      expect(await sim(dir, await parquetOf(name))).toBe(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
    }
  });

  it('checks a Parquet file’s rows by the importers’ rules: unsorted, or a group of one time left crossed, is refused', async () => {
    const refusal = (name: string, file: string) =>
      sim(join(FIX, name), file).then(
        () => undefined,
        (e: unknown) => e as InputError,
      );
    const unsorted = await parquetOf('bad-unsorted');
    const u = await refusal('bad-unsorted', unsorted);
    expect([u?.rule, u?.file, u?.row]).toEqual(['unsorted-time', unsorted, 2]);
    const crossed = await parquetOf('bad-crossed-snapshot');
    const c = await refusal('bad-crossed-snapshot', crossed);
    // Rows of one local time are one group: named at its last row that changed the book.
    expect([c?.rule, c?.file, c?.row]).toEqual(['crossed-book', crossed, 4]);
    expect(c?.detail).toBe(
      'best bid 12 >= best ask 11 at 1970-01-01T00:00:00.000001Z (import the raw data again with --repair uncross)',
    );
  });
});

describe('execsim sim as a process', () => {
  it('prints the JSONL on stdout and exits 0', () => {
    const r = execsim(
      'sim',
      '--events',
      '04-market-walks/events.csv',
      '--orders',
      '04-market-walks/orders.csv',
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(FIX, '04-market-walks', 'expected.jsonl'), 'utf8'));
  });

  it('bad input: one line on stderr naming file, row and rule; exit 2', () => {
    const r = execsim(
      'sim',
      '--events',
      'bad-unknown-kind/events.csv',
      '--orders',
      'bad-unknown-kind/orders.csv',
    );
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      "execsim: bad-unknown-kind/events.csv:row 2: unknown-kind: kind 'QUOTE' is not one of DEPTH, TRADE, CLEAR, SNAPSHOT, BBO\n",
    );
  });
});
