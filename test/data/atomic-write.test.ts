import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic, writeFileAtomicSync } from '../../src/data/index.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'execsim-atomic-'));

describe('writeFileAtomic', () => {
  it('replaces a file whole, makes its folder, and leaves no temp file', async () => {
    const dir = scratch();
    const path = join(dir, 'new', 'report.json');
    await writeFileAtomic(path, 'first\n');
    await writeFileAtomic(path, new TextEncoder().encode('second\n'));
    expect(readFileSync(path, 'utf8')).toBe('second\n');
    expect(readdirSync(join(dir, 'new'))).toEqual(['report.json']);
  });

  it('keeps the old bytes and removes its temp file when the rename fails', async () => {
    const dir = scratch();
    // A non-empty folder where the file should go: rename(2) refuses to replace it.
    const path = join(dir, 'cells');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.json'), 'kept');
    await expect(writeFileAtomic(path, 'lost?')).rejects.toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['cells']);
    expect(readFileSync(join(path, 'keep.json'), 'utf8')).toBe('kept');
  });

  it('writes pieces in turn; a failing source leaves the old file and no temp file', async () => {
    const dir = scratch();
    const path = join(dir, 'results.json');
    await writeFileAtomic(path, ['{', '"a": 1', '}\n']);
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1}\n');
    function* broken() {
      yield 'half';
      throw new Error('cell 7 is not JSON');
    }
    await expect(writeFileAtomic(path, broken())).rejects.toThrow('cell 7 is not JSON');
    expect(readFileSync(path, 'utf8')).toBe('{"a": 1}\n');
    expect(readdirSync(dir)).toEqual(['results.json']);
  });
});

describe('writeFileAtomicSync', () => {
  it('replaces a file whole and leaves no temp file', () => {
    const dir = scratch();
    const path = join(dir, '00000007.json');
    writeFileAtomicSync(path, 'first\n');
    writeFileAtomicSync(path, new TextEncoder().encode('second\n'));
    expect(readFileSync(path, 'utf8')).toBe('second\n');
    expect(readdirSync(dir)).toEqual(['00000007.json']);
  });

  it('keeps the old bytes and removes its temp file when the rename fails', () => {
    const dir = scratch();
    const path = join(dir, 'cells');
    mkdirSync(path);
    writeFileSync(join(path, 'keep.json'), 'kept');
    expect(() => writeFileAtomicSync(path, 'lost?')).toThrow(/EISDIR|ENOTEMPTY|EEXIST/);
    expect(readdirSync(dir)).toEqual(['cells']);
    expect(readFileSync(join(path, 'keep.json'), 'utf8')).toBe('kept');
  });

  it('refuses a missing folder rather than making it', () => {
    const dir = scratch();
    expect(() => writeFileAtomicSync(join(dir, 'gone', 'x.json'), 'x')).toThrow(/ENOENT/);
    expect(readdirSync(dir)).toEqual([]);
  });
});
