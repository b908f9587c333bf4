import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files matching a pattern with `*` and `?` inside path parts (no `**`), sorted, so a scenario can
 * name `datasets/binance-usdm/*\/*.parquet`. A pattern without wildcards is returned as is.
 */
export function expandGlob(pattern: string): string[] {
  if (!/[*?]/.test(pattern)) return [pattern];
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p) => p !== '');
  let bases = [absolute ? '/' : '.'];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of bases) {
      if (!/[*?]/.test(part)) {
        next.push(join(base, part));
        continue;
      }
      const re = new RegExp(
        `^${part
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '.*')
          .replace(/\?/g, '.')}$`,
      );
      let names: string[] = [];
      try {
        names = readdirSync(base).filter((n) => re.test(n) && !n.startsWith('.'));
      } catch {
        names = [];
      }
      for (const n of names.sort()) next.push(join(base, n));
    }
    bases = next;
  }
  return bases.filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}
