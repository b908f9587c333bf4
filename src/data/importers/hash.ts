import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { InputError } from '../../core/index.ts';

/** sha256 of a file's bytes, hex. */
export async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  try {
    for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new InputError('unreadable-input', `cannot read (${code})`, { file });
  }
  return hash.digest('hex');
}
