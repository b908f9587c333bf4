import type { ReportModel } from './model.ts';

const f = (d: { toFixed(n: number): string } | undefined, n = 2) => (d === undefined ? '–' : d.toFixed(n));

/** The summary tables of the report as HTML. */
export function renderSummaryTables(m: ReportModel): string {
  const rows = [...m.strategies]
    .map(
      ([k, s]) =>
        `<tr><td>${k}</td><td>${s.orders}</td><td>${f(s.notionalWeightedBps)}</td><td>${f(s.equalWeightedBps)}</td><td>${f(s.medianBps)}</td><td>${f(s.fillRatio, 3)}</td><td>${f(s.participation, 4)}</td></tr>`,
    )
    .join('');
  let html = `<table><tr><th>strategy</th><th>orders</th><th>cost bps (notional-wtd)</th><th>mean bps</th><th>median bps</th><th>fill ratio</th><th>participation</th></tr>${rows}</table>`;
  if (m.comparisons.length) {
    const c = m.comparisons
      .map(
        (x) =>
          `<tr><td>${x.strategy}</td><td>${x.pairs}</td><td>${f(x.meanDiffBps)}</td><td>[${f(x.ci95[0])}, ${f(x.ci95[1])}]</td><td>${f(x.winRate)}</td></tr>`,
      )
      .join('');
    html += `<table><tr><th>vs ${m.comparisons[0].baseline}</th><th>pairs</th><th>mean diff bps</th><th>95% CI</th><th>win rate</th></tr>${c}</table>`;
  }
  return html;
}
