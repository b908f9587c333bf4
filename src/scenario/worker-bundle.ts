import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { access } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_OPTIONS } from '../../bin/bundle-options.mjs';
import { writeFileAtomic } from '../data/index.ts';

const ENTRY = fileURLToPath(new URL('./sim-worker.ts', import.meta.url));
/** Beside the package's own node_modules, so the bundle's package imports resolve as the sources' do. */
const DIR = fileURLToPath(new URL('../../node_modules/.cache/execsim/', import.meta.url));
/** Bundles of other source versions kept (another checkout's run may be starting from one). */
const KEEP = 4;

let made: Promise<URL | undefined> | undefined;

/** In the CLI's bundle (bin/cli-bundle.mjs), the pool thread's entry built beside it. */
declare const __EXECSIM_SIM_WORKER__: string | undefined;

/**
 * The default pool thread (sim-worker.ts) as one JavaScript module, built with esbuild once per
 * process and kept by content hash. A thread started from it loads no TypeScript: through tsx's
 * loader hooks each thread spent 1.2 s (2.5 s for two at once, on two cores) compiling the sources
 * before its first cell. Pure-JS packages are bundled with it (see bin/bundle-options.mjs). Undefined,
 * with a process warning, when the bundle cannot be built or written here (the pool then starts
 * threads through tsx). The CLI's own bundle holds the thread's entry already, and gives it.
 */
export function simWorkerBundle(): Promise<URL | undefined> {
  if (typeof __EXECSIM_SIM_WORKER__ !== 'undefined')
    made ??= Promise.resolve(new URL(__EXECSIM_SIM_WORKER__));
  made ??= makeBundle().catch((err: Error) => {
    process.emitWarning(`sweep threads start through tsx (no bundle: ${err.message})`, 'ExecsimWarning');
    return undefined;
  });
  return made;
}

async function makeBundle(): Promise<URL> {
  // Loaded here: a sweep started from the CLI's bundle never builds one.
  const { build } = await import('esbuild');
  // The output path only names the map's sources relative to DIR; the file is written by hash.
  const outfile = join(DIR, 'sim-worker.mjs');
  const out = await build({ ...BUNDLE_OPTIONS, entryPoints: [ENTRY], outfile, write: false });
  const output = (path: string) => {
    const f = out.outputFiles.find((o) => o.path === path);
    if (f === undefined) throw new Error(`esbuild wrote no ${path}`);
    return f.contents;
  };
  const code = output(outfile);
  const map = output(`${outfile}.map`);
  // Named by the map too: a change to comments alone moves the sources' lines, not the code.
  const hash = createHash('sha256').update(code).update(map).digest('hex').slice(0, 16);
  mkdirSync(DIR, { recursive: true });
  const file = join(DIR, `sim-worker-${hash}.mjs`);
  try {
    await access(file);
  } catch {
    // The map only serves printed stacks: a thread starts without it.
    await writeFileAtomic(`${file}.map`, map).catch(() => undefined);
    await writeFileAtomic(file, code);
    prune();
  }
  return pathToFileURL(file);
}

/** Drops all but the newest KEEP bundles. */
function prune(): void {
  const bundles = readdirSync(DIR)
    .filter((f) => /^sim-worker-[0-9a-f]{16}\.mjs$/.test(f))
    .map((f) => ({ f, t: statSync(join(DIR, f)).mtimeMs }))
    .sort((a, b) => b.t - a.t);
  for (const { f } of bundles.slice(KEEP)) {
    rmSync(join(DIR, f), { force: true });
    rmSync(join(DIR, `${f}.map`), { force: true });
  }
}
