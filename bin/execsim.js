#!/usr/bin/env node
// Runs the CLI from a bundle of its TypeScript sources (bin/cli-bundle.mjs), so the package needs no
// build step; when no bundle can be made here, from the sources through tsx.
import { cliBundle } from './cli-bundle.mjs';

const bundle = await cliBundle();
if (bundle) {
  await import(bundle.href);
} else {
  const { register } = await import('tsx/esm/api');
  register();
  await import('../src/cli/main.ts');
}
