// esbuild options of execsim's run-time bundles, the CLI's (bin/cli-bundle.mjs) and the sweep
// pool thread's (src/scenario/worker-bundle.ts): Node 20 ESM with packages left as imports, and
// inline source maps without the sources, so that stack traces point into src/.
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  write: false,
  sourcemap: 'inline',
  sourcesContent: false,
  banner: { js: 'process.setSourceMapsEnabled(true);' },
  logLevel: 'silent',
};
