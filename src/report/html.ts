import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import type { MarketTape } from '../tca/index.ts';
import { renderSummaryTables } from './html-tables.ts';
import type { ReportModel } from './model.ts';

/** Points per series at most: long series are thinned so the file stays small and fast to open. */
const MAX_POINTS = 1500;

type Doc = ReturnType<typeof parseHTML>['document'];

function svg(document: Doc, title: string, options: Plot.PlotOptions): string {
  const el = Plot.plot({ ...options, document } as Plot.PlotOptions) as unknown as { outerHTML: string };
  return `<figure class="chart"><figcaption>${esc(title)}</figcaption>${el.outerHTML}</figure>`;
}

function esc(s: string): string {
  return s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function thin<T>(xs: T[]): T[] {
  const step = Math.max(1, Math.ceil(xs.length / MAX_POINTS));
  return xs.filter((_, i) => i % step === 0);
}

/**
 * One self-contained HTML file: inline CSS, charts as inline SVG rendered in Node, no script and no
 * external reference, so it opens offline. Deterministic: the same model gives the same bytes.
 */
export function renderHtml(m: ReportModel, tape?: MarketTape): string {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const charts: string[] = [];
  const costs = m.analyses.map((a) => ({
    strategy: a.order.strategy ?? 'orders',
    bps: a.shortfall.totalBps.toNumber(),
  }));
  charts.push(
    svg(document, 'Cost per order by strategy (bps, positive = cost)', {
      marginLeft: 110,
      height: 60 + 40 * m.strategies.size,
      x: { label: 'implementation shortfall (bps)', grid: true },
      y: { label: null },
      marks: [
        Plot.ruleX([0]),
        Plot.dot(costs, { x: 'bps', y: 'strategy', stroke: 'strategy', r: 3 }),
        Plot.tickX(
          [...m.strategies].map(([k, s]) => ({ strategy: k, bps: s.medianBps.toNumber() })),
          { x: 'bps', y: 'strategy', strokeWidth: 3 },
        ),
      ],
    }),
  );
  if (m.comparisons.length) {
    const cis = m.comparisons.map((c) => ({
      strategy: c.strategy,
      mean: c.meanDiffBps.toNumber(),
      lo: c.ci95[0].toNumber(),
      hi: c.ci95[1].toNumber(),
    }));
    charts.push(
      svg(
        document,
        `Paired difference to ${m.comparisons[0].baseline} with bootstrap 95% CI (bps, negative = cheaper)`,
        {
          marginLeft: 110,
          height: 60 + 40 * cis.length,
          x: { label: 'mean paired difference (bps)', grid: true },
          y: { label: null },
          marks: [
            Plot.ruleX([0], { stroke: '#999' }),
            Plot.ruleY(cis, { y: 'strategy', x1: 'lo', x2: 'hi', strokeWidth: 2 }),
            Plot.dot(cis, { x: 'mean', y: 'strategy', fill: 'currentColor', r: 4 }),
          ],
        },
      ),
    );
  }
  const firstWindow = m.analyses[0]?.order.window;
  const inWindow = m.analyses.filter((a) => a.order.window === firstWindow);
  if (inWindow.length) {
    const start = Math.min(...inWindow.map((a) => a.order.decisionTs));
    const end = Math.max(...inWindow.map((a) => a.endTs));
    const sec = (ts: number) => (ts - start) / 1e6;
    const traj = inWindow.flatMap((a) => {
      let cum = 0;
      const size = a.order.size.toNumber();
      return [
        { strategy: a.order.strategy ?? a.order.id, t: 0, done: 0 },
        ...thin(a.fills).map((f) => {
          cum += f.size.toNumber();
          return { strategy: a.order.strategy ?? a.order.id, t: sec(f.ts), done: cum / size };
        }),
      ];
    });
    charts.push(
      svg(document, `Execution trajectory vs an even schedule, window ${firstWindow ?? ''}`, {
        x: { label: 'seconds from decision', grid: true },
        y: { label: 'fraction of parent filled', domain: [0, 1] },
        color: { legend: true },
        marks: [
          Plot.line(
            [
              { t: 0, done: 0 },
              { t: sec(end), done: 1 },
            ],
            { x: 't', y: 'done', stroke: '#999', strokeDasharray: '4,3' },
          ),
          Plot.line(traj, { x: 't', y: 'done', stroke: 'strategy', curve: 'step-after' }),
        ],
      }),
    );
    if (tape) {
      const quotes = tape
        .quotesBetween(start, end, MAX_POINTS)
        .map((q) => ({ t: sec(q.ts), bid: q.bid, ask: q.ask }));
      const fills = thin(
        inWindow.flatMap((a) =>
          a.fills.map((f) => ({
            strategy: a.order.strategy ?? a.order.id,
            t: sec(f.ts),
            price: f.price.toNumber(),
          })),
        ),
      );
      charts.push(
        svg(document, `Fills over the best bid and ask, window ${firstWindow ?? ''}`, {
          marginLeft: 70,
          x: { label: 'seconds from decision', grid: true },
          y: { label: 'price', grid: true },
          color: { legend: true },
          marks: [
            Plot.line(quotes, { x: 't', y: 'bid', stroke: '#2a7', curve: 'step-after' }),
            Plot.line(quotes, { x: 't', y: 'ask', stroke: '#c44', curve: 'step-after' }),
            Plot.dot(fills, { x: 't', y: 'price', fill: 'strategy', r: 2.5 }),
          ],
        }),
      );
    }
  }
  const markouts = [...m.strategies.keys()].flatMap((k) => {
    const curve = (m.json.strategies as Record<string, { markoutsBps: Record<string, string | null> }>)[k]
      .markoutsBps;
    return Object.entries(curve)
      .filter(([, v]) => v !== null)
      .map(([h, v]) => ({ strategy: k, horizon: Number(h), bps: Number(v) }));
  });
  if (markouts.length) {
    charts.push(
      svg(document, 'Volume-weighted markouts (bps, positive = the fills look good later)', {
        x: { type: 'log', label: 'horizon (s)' },
        y: { label: 'markout (bps)', grid: true },
        color: { legend: true },
        marks: [
          Plot.ruleY([0]),
          Plot.line(markouts, { x: 'horizon', y: 'bps', stroke: 'strategy', marker: 'circle' }),
        ],
      }),
    );
  }
  return stableIds(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(m.settings.title)}</title>
<style>body{font:14px/1.4 system-ui,sans-serif;max-width:1000px;margin:2em auto;padding:0 1em;color:#222}
table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}
th:first-child,td:first-child{text-align:left}figure{margin:2em 0}figcaption{font-weight:600;margin-bottom:.5em}
code{font-size:12px}</style></head>
<body><h1>${esc(m.settings.title)}</h1>
<p>Fingerprint <code>${esc(String(m.json.fingerprint))}</code></p>
${renderSummaryTables(m)}
${charts.join('\n')}
</body></html>
`);
}

/**
 * Plot numbers its marker and clip ids from a process-wide counter; renumbering them in order of
 * appearance makes the file depend on the report only, not on what was rendered before it.
 */
function stableIds(html: string): string {
  const seen = new Map<string, string>();
  return html.replace(/plot-([a-z]+)-(\d+)/g, (whole, kind: string) => {
    let id = seen.get(whole);
    if (!id) {
      id = `plot-${kind}-${seen.size + 1}`;
      seen.set(whole, id);
    }
    return id;
  });
}
