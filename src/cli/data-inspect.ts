import type { Argv, CommandModule } from 'yargs';
import { formatTime } from '../core/index.ts';
import { type EventFileSummary, inspectEventFile } from '../data/index.ts';

interface InspectArgs {
  file: string;
  json?: boolean;
}

export const dataInspectCommand: CommandModule<object, InspectArgs> = {
  command: 'inspect <file>',
  describe: 'Summarise a market-event file: rows, time span, kinds, instrument, provenance and row checks',
  builder: (y: Argv) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'market-event Parquet file' })
      .option('json', {
        type: 'boolean',
        describe: 'print the summary as JSON',
      }) as unknown as Argv<InspectArgs>,
  handler: async (argv) => {
    const summary = await inspectEventFile(argv.file);
    process.stdout.write(argv.json ? `${JSON.stringify(toJson(summary))}\n` : formatSummary(summary));
  },
};

function iso(us: number | null): string | null {
  return us === null ? null : formatTime(us);
}

/** The summary with ISO times beside the µs ones. */
export function toJson(s: EventFileSummary): Record<string, unknown> {
  return {
    file: s.file,
    rows: s.rows,
    span: {
      firstTsLocal: s.firstTsLocal,
      lastTsLocal: s.lastTsLocal,
      firstTsLocalIso: iso(s.firstTsLocal),
      lastTsLocalIso: iso(s.lastTsLocal),
      firstTsExch: s.firstTsExch,
      lastTsExch: s.lastTsExch,
      firstTsExchIso: iso(s.firstTsExch),
      lastTsExchIso: iso(s.lastTsExch),
    },
    kinds: s.kinds,
    instrument: s.meta.instrument,
    provenance: s.meta.provenance,
    findings: s.meta.provenance.findings,
    scan: s.scan,
  };
}

/** A few readable lines per file; `demo` prints the same. */
export function formatSummary(s: EventFileSummary): string {
  const { instrument: ins, provenance: prov } = s.meta;
  const kinds = Object.entries(s.kinds)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const span =
    s.firstTsLocal === null || s.lastTsLocal === null
      ? 'empty'
      : `${formatTime(s.firstTsLocal)} .. ${formatTime(s.lastTsLocal)} (${s.firstTsLocal} .. ${s.lastTsLocal} µs, ${((s.lastTsLocal - s.firstTsLocal) / 1e6).toFixed(6)} s)`;
  // The first and last rows' exchange times (rows are in ts_local order; ts_exch may go back).
  const exch =
    s.firstTsExch === null || s.lastTsExch === null
      ? 'empty'
      : `${formatTime(s.firstTsExch)} .. ${formatTime(s.lastTsExch)} (first and last rows)`;
  const findings = Object.entries(prov.findings ?? {});
  const scan = Object.entries(s.scan);
  return [
    `${s.file}`,
    `  instrument  ${ins.venue} ${ins.symbol}: tick ${ins.tickSize}, lot ${ins.lotSize}, ${ins.kind ?? 'linear'}${ins.contractMultiplier && ins.contractMultiplier !== '1' ? ` ×${ins.contractMultiplier}` : ''}`,
    `  rows        ${s.rows} (${kinds || 'none'})`,
    `  ts_local    ${span}`,
    `  ts_exch     ${exch}`,
    `  source      ${prov.source} via ${prov.importer}, ${prov.inputs.length} input file(s)${shortNote(prov.notes)}`,
    `  findings    ${findings.length ? findings.map(([k, n]) => `${k} ${n}`).join(', ') : 'none'}`,
    `  scan        ${scan.length ? scan.map(([k, f]) => `${k} ${f.rows} (first row ${f.firstRow})`).join(', ') : 'clean'}`,
    '',
  ].join('\n');
}

/** Importer notes can run to a paragraph (kept whole in --json); the text view keeps short ones. */
function shortNote(notes: string | undefined): string {
  return notes && notes.length <= 100 ? `; ${notes}` : '';
}
