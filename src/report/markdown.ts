import type { ReportModel } from './model.ts';

const fmt = (d: { toFixed(n: number): string } | undefined, n = 2) => (d === undefined ? '–' : d.toFixed(n));

/** A short Markdown summary for terminals, pull requests and CI logs. */
export function renderMarkdown(m: ReportModel): string {
  const lines = [`# ${m.settings.title}`, '', `Fingerprint \`${m.json.fingerprint}\``, ''];
  lines.push(
    '| strategy | orders | cost bps (notional-wtd) | mean bps | median bps | fill ratio | participation |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, s] of m.strategies) {
    lines.push(
      `| ${name} | ${s.orders} | ${fmt(s.notionalWeightedBps)} | ${fmt(s.equalWeightedBps)} | ${fmt(s.medianBps)} | ${fmt(s.fillRatio, 3)} | ${fmt(s.participation, 4)} |`,
    );
  }
  if (m.comparisons.length) {
    lines.push(
      '',
      `Paired difference to **${m.comparisons[0].baseline}** (negative = cheaper), bootstrap 95% CI:`,
      '',
    );
    lines.push('| strategy | pairs | mean diff bps | 95% CI | win rate |');
    lines.push('| --- | ---: | ---: | --- | ---: |');
    for (const c of m.comparisons) {
      lines.push(
        `| ${c.strategy} | ${c.pairs} | ${fmt(c.meanDiffBps)} | [${fmt(c.ci95[0])}, ${fmt(c.ci95[1])}] | ${fmt(c.winRate, 2)} |`,
      );
    }
  }
  lines.push(
    '',
    `${m.analyses.length} orders. Costs are implementation shortfall, positive = cost, in bps of |size|·decision price.`,
    '',
  );
  return lines.join('\n');
}
