import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../../core/index.ts';

/** True when the file starts with the gzip magic bytes (whatever its name says). */
export async function isGzip(file: string): Promise<boolean> {
  const handle = await openInput(file);
  try {
    const head = Buffer.alloc(2);
    const { bytesRead } = await handle.read(head, 0, 2, 0);
    return bytesRead === 2 && head[0] === 0x1f && head[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

async function openInput(file: string) {
  try {
    return await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('unreadable-input', `cannot open (${code})`, { file });
  }
}

/**
 * Streams the text lines of a plain or gzip file (LF or CRLF; a last line without a newline is
 * still a line), in constant memory.
 */
export async function* readLines(file: string): AsyncGenerator<string> {
  const gz = await isGzip(file);
  const raw = createReadStream(file);
  let input: Readable = raw;
  if (gz) {
    const gunzip = createGunzip();
    raw.on('error', (e) => gunzip.destroy(e));
    input = raw.pipe(gunzip);
  }
  const rl = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  try {
    for await (const line of rl) {
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw new InputError('unreadable-input', `cannot read${gz ? ' gzip' : ''} data: ${msg}`, { file });
  } finally {
    rl.close();
    input.destroy();
    raw.destroy();
  }
}
