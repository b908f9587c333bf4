import { readFileSync } from 'node:fs';
import { SourceMap, type SourceMapPayload } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** A stack frame's location in a bundle module: file URL or path, line, column (1-based). */
const FRAME = /(file:\/\/[^\s()]+?\.mjs|\/[^\s():]+?\.mjs):(\d+):(\d+)/g;

const maps = new Map<string, SourceMap | undefined>();

/** The source map written beside a bundle module (`<file>.map`), undefined when there is none. */
function mapOf(file: string): SourceMap | undefined {
  if (!maps.has(file)) {
    let map: SourceMap | undefined;
    try {
      map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')) as SourceMapPayload);
    } catch {
      map = undefined; // not one of execsim's bundles, or its map is gone: the frame stays as it is
    }
    maps.set(file, map);
  }
  return maps.get(file);
}

/**
 * A stack trace (or any text holding one, such as a failed cell's message with its thread's stack)
 * with every frame in a bundle module that has a source map beside it rewritten to the source
 * file, line and column. Read only when a stack is printed, so starting the CLI parses no map.
 */
export function mapStack(text: string): string {
  return text.replace(FRAME, (frame, where: string, line: string, column: string) => {
    // Whatever goes wrong here, the frame is printed as it was: the error being reported matters more.
    try {
      const file = where.startsWith('file:') ? fileURLToPath(where) : where;
      const entry = mapOf(file)?.findEntry(Number(line) - 1, Number(column) - 1);
      if (entry === undefined || !('originalSource' in entry) || typeof entry.originalSource !== 'string') {
        return frame;
      }
      // esbuild writes sources relative to the map's folder.
      const source = resolve(dirname(file), entry.originalSource);
      return `${source}:${entry.originalLine + 1}:${entry.originalColumn + 1}`;
    } catch {
      return frame;
    }
  });
}
