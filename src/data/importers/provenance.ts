import { sha256File } from './hash.ts';

/** Input files as given on the command line, each with the sha256 of its bytes. */
export async function hashInputs(inputs: readonly string[]): Promise<{ file: string; sha256: string }[]> {
  const out: { file: string; sha256: string }[] = [];
  for (const file of inputs) out.push({ file, sha256: await sha256File(file) });
  return out;
}
