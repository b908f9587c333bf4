// The CLI as JavaScript modules, built from src/ with esbuild the first time a version of the
// sources runs and kept by the hash of their bytes (and of this script and the package files) in
// node_modules/.cache/execsim. Through tsx's loader hooks every start compiled and resolved each
// source and package module again: `execsim --help` took ~2.0 s (3.0 s of CPU) against ~0.8 s
// (1.0 s) from the bundle. Plain JavaScript, so it runs before any TypeScript loader exists.
import { createHash, randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BUNDLE_OPTIONS } from './bundle-options.mjs';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SRC = join(ROOT, 'src');
const DIR = join(ROOT, 'node_modules', '.cache', 'execsim');
/**
 * Bundles of other source versions are kept while used in the last day (a long sweep loads its
 * report's chunk at the end; another checkout or branch may be running one), and always the newest
 * few.
 */
const KEEP = 4;
const KEEP_USED_MS = 24 * 3600 * 1000;

/** Every file under dir, sorted, so the key does not depend on the order readdir gives. */
function filesUnder(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(path));
    else if (e.isFile()) out.push(path);
  }
  return out.sort();
}

function sourcesKey() {
  const h = createHash('sha256');
  // bin/ (this script and the build options), tsconfig.json and package.json's sideEffects shape
  // the bundle too; package-lock.json pins the packages (an installed package has none: hashed as
  // missing).
  const own = ['package.json', 'package-lock.json', 'tsconfig.json'].map((f) => join(ROOT, f));
  for (const file of [...filesUnder(SRC), ...filesUnder(join(ROOT, 'bin')), ...own]) {
    h.update(relative(ROOT, file)).update('\0');
    h.update(existsSync(file) ? readFileSync(file) : '(missing)').update('\0');
  }
  // The packages bundled in are those installed where Node would find them, which the lock file
  // does not pin when execsim is itself installed as a dependency: their package.json too.
  const { dependencies = {} } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  for (const name of Object.keys(dependencies).sort()) {
    h.update(name).update('\0').update(installedManifest(name)).update('\0');
  }
  return h.digest('hex').slice(0, 16);
}

/** The package.json of `name` as Node resolves it from the project (its folder, then up). */
function installedManifest(name) {
  for (let dir = ROOT; ; dir = dirname(dir)) {
    const file = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(file)) return readFileSync(file);
    if (dirname(dir) === dir) return '(missing)';
  }
}

/**
 * esbuild gives every module of a bundle the bundle's import.meta.url; the sources locate their
 * siblings (worker entries, the default executor) through it, so each keeps its own file's URL.
 */
const ownUrl = {
  name: 'own-import-meta-url',
  setup(build) {
    build.onLoad({ filter: /\.[cm]?ts$/ }, (args) => ({
      contents: readFileSync(args.path, 'utf8').replaceAll(
        'import.meta.url',
        JSON.stringify(pathToFileURL(args.path).href),
      ),
      loader: 'ts',
    }));
  },
};

async function build(dir) {
  const { build: esbuild } = await import('esbuild');
  const out = await esbuild({
    ...BUNDLE_OPTIONS,
    // The sweep's pool thread is an entry too, so a sweep starts its threads without a build.
    entryPoints: { main: join(SRC, 'cli', 'main.ts'), 'sim-worker': join(SRC, 'scenario', 'sim-worker.ts') },
    // Each command, and the HTML report with Plot and linkedom, in a chunk of its own, loaded when
    // used: a command's start compiles only what it runs.
    splitting: true,
    outdir: dir,
    outExtension: { '.js': '.mjs' },
    define: {
      __EXECSIM_BUNDLE__: 'true',
      __EXECSIM_SIM_WORKER__: JSON.stringify(pathToFileURL(join(dir, 'sim-worker.mjs')).href),
    },
    plugins: [ownUrl],
  });
  // Written into a folder of its own, then renamed into place: a start never sees half a bundle.
  const tmp = `${dir}.${randomBytes(6).toString('hex')}.tmp`;
  for (const f of out.outputFiles) {
    const path = join(tmp, relative(dir, f.path));
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, f.contents);
  }
  try {
    renameSync(tmp, dir);
  } catch (err) {
    // Another start built the same sources first: theirs is the same bundle.
    rmSync(tmp, { recursive: true, force: true });
    if (!existsSync(join(dir, 'main.mjs'))) throw err;
  }
}

/** Drops bundles (and leftovers of interrupted builds) not used in the last day, past the newest KEEP. */
function prune(now) {
  try {
    const found = readdirSync(DIR)
      .filter((f) => /^cli-[0-9a-f]{16}(\.[0-9a-f]{12}\.tmp)?$/.test(f))
      .map((f) => ({ f, t: statSync(join(DIR, f)).mtimeMs }))
      .sort((a, b) => b.t - a.t);
    for (const { f, t } of found.slice(KEEP)) {
      if (now - t > KEEP_USED_MS) rmSync(join(DIR, f), { recursive: true, force: true });
    }
  } catch {
    // another start pruning at the same time: what is left goes next time
  }
}

/**
 * The URL of the bundle of the current sources, built when missing; undefined, with a warning on
 * stderr, when it cannot be built or written here (the CLI then runs its sources through tsx).
 */
export async function cliBundle() {
  try {
    const key = sourcesKey();
    const dir = join(DIR, `cli-${key}`);
    if (!existsSync(join(dir, 'main.mjs'))) {
      mkdirSync(DIR, { recursive: true });
      await build(dir);
      // A source edited while esbuild read them: this bundle may hold either version.
      if (sourcesKey() !== key) {
        rmSync(dir, { recursive: true, force: true });
        throw new Error('the sources changed while they were bundled');
      }
      prune(Date.now());
    }
    // Marks it used, so pruning spares it while it runs.
    try {
      const now = new Date();
      utimesSync(dir, now, now);
    } catch {
      // a bundle this user may not touch is still used
    }
    return pathToFileURL(join(dir, 'main.mjs'));
  } catch (err) {
    process.emitWarning(`the CLI runs through tsx (no bundle: ${err.message})`, 'ExecsimWarning');
    return undefined;
  }
}
