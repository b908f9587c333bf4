/** Node flags whose value is a module loaded into the process before its main module. */
const LOADERS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);

/** A module specifier or path of tsx (`tsx`, `tsx/esm`, …/node_modules/tsx/dist/loader.mjs). */
function isTsx(spec: string): boolean {
  return spec === 'tsx' || spec.startsWith('tsx/') || /[/\\]tsx[/\\]/.test(spec);
}

/** The process's Node flags without those that load tsx, for threads that run plain JavaScript. */
export function withoutTsx(argv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (LOADERS.has(a) && i + 1 < argv.length) {
      if (!isTsx(argv[i + 1])) out.push(a, argv[i + 1]);
      i++;
      continue;
    }
    const eq = a.indexOf('=');
    if (eq > 0 && LOADERS.has(a.slice(0, eq)) && isTsx(a.slice(eq + 1))) continue;
    out.push(a);
  }
  return out;
}
