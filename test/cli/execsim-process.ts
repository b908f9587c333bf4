import { spawnSync } from 'node:child_process';

/** The repository's root folder (a trailing slash included). */
export const ROOT = new URL('../../', import.meta.url).pathname;

/** Runs the execsim binary as a user does, in `cwd`: its exit code and what it printed. */
export function execsimIn(
  cwd: string,
  ...args: string[]
): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [`${ROOT}bin/execsim.js`, ...args], { encoding: 'utf8', cwd });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Runs the execsim binary in the repository's root. */
export function execsim(...args: string[]): ReturnType<typeof execsimIn> {
  return execsimIn(ROOT, ...args);
}
