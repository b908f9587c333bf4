#!/usr/bin/env node
// Runs the CLI from a bundle of its TypeScript sources (bin/cli-bundle.mjs), so the package needs no
// build step; from the sources through tsx when no bundle can be made here, or with
// EXECSIM_NO_BUNDLE=1.
import { cliBundle } from './cli-bundle.mjs';

const bundle = process.env.EXECSIM_NO_BUNDLE === '1' ? undefined : await cliBundle();
if (bundle) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
