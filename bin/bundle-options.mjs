// esbuild options of execsim's run-time bundles, the CLI's (bin/cli-bundle.mjs) and the sweep
// pool thread's (src/scenario/worker-bundle.ts): Node 20 ESM, with a source map beside each file
// (without the sources) that the CLI reads only to print an internal error's stack with src/ paths
// (src/cli/stack-map.ts). Inline maps with Node's own source-map support cost every start ~40 ms
// (each map decoded and parsed as its module loads) and still missed most frames: Node keeps the
// maps only of modules loaded after it is enabled, which the bundle could do no earlier than in its
// first module's body, after its static imports and the pool thread's bundle had been compiled.
//
// Packages are bundled too: importing apache-arrow, zod, decimal.js and seedrandom as packages cost
// each pool thread and the CLI ~300 ms of module loading (hundreds of files), bundled ~130 ms; a
// pool thread is ready 0.18–0.24 s after it starts instead of 0.38–0.58 s. Left
// as imports: DuckDB (native), the build tools, yargs (it finds its locales beside its own files)
// and the HTML report's Plot and linkedom, loaded only when a report is drawn. CommonJS packages in
// the bundle get a `require` of their own for the Node built-ins they load. A bundle keeps only the
// side effects a package declares: apache-arrow declares none, so what its Node entry installs (its
// toNodeStream) is not there, and execsim does not use it.
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['@duckdb/*', 'esbuild', 'tsx', 'yargs', '@observablehq/plot', 'linkedom'],
  write: false,
  sourcemap: 'external',
  sourcesContent: false,
  banner: {
    js: "import { createRequire as __execsimRequire } from 'node:module'; const require = __execsimRequire(import.meta.url);",
  },
  logLevel: 'silent',
};
