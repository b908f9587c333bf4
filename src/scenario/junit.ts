/** One JUnit test case: a regression scenario and, when it failed, why. */
export interface JUnitCase {
  name: string;
  failure?: string;
}

/** JUnit XML that CI systems (GitHub, GitLab, Jenkins) read. Times are left out: output stays deterministic. */
export function junitXml(suite: string, cases: JUnitCase[]): string {
  const failures = cases.filter((c) => c.failure !== undefined).length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${esc(suite)}" tests="${cases.length}" failures="${failures}">`,
    `  <testsuite name="${esc(suite)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="0">`,
  ];
  for (const c of cases) {
    if (c.failure === undefined) {
      lines.push(`    <testcase classname="${esc(suite)}" name="${esc(c.name)}"/>`);
    } else {
      const first = c.failure.split('\n')[0];
      lines.push(`    <testcase classname="${esc(suite)}" name="${esc(c.name)}">`);
      lines.push(`      <failure message="${esc(first)}">${esc(c.failure)}</failure>`);
      lines.push('    </testcase>');
    }
  }
  lines.push('  </testsuite>', '</testsuites>', '');
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
