import seedrandom from 'seedrandom';
import {
  InputError,
  Instrument,
  type InstrumentSpec,
  parseTime,
  US_PER_DAY,
  US_PER_SECOND,
} from '../core/index.ts';
import { canonicalJson } from './canonical.ts';
import type { DatasetRef, Scenario } from './load.ts';
import {
  type DatasetScan,
  datasetInstrument,
  datasetSha256,
  scanDataset,
  verifyDataset,
  volumeBetween,
} from './market-source.ts';
import type { ParamValue, ScenarioSpec, SizeSpec } from './schema.ts';
import { deriveSeed, sha256Hex } from './seed.ts';

/** One parent order's window on one dataset. Every strategy runs on the same windows (paired). */
export interface PlanWindow {
  index: number;
  dataset: number;
  /** Replay starts here (local µs): the dataset's first row, so the book is built from its snapshot. */
  dataStartUs: number;
  startUs: number;
  endUs: number;
  side: 1 | -1;
  /** Parent size in base units, exact on the lot grid. */
  size: string;
  urgency: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
}

/** A strategy with one combination of its grid values. */
export interface Variant {
  label: string;
  name: string;
  params: Record<string, ParamValue>;
}

export interface PlanDataset {
  ref: DatasetRef;
  instrument: InstrumentSpec;
  /**
   * What the rows are (datasetSha256): in the fingerprint, so a rewritten file is another plan, and
   * checked before each cell and the TCA read it. Absent in plans made before it was kept.
   */
  sha256?: string;
}

/** Everything a cell needs, as plain JSON (it crosses to worker threads and into shard outputs). */
export interface Plan {
  name: string;
  seed: string | number;
  /** sha256 of what the cells compute (the plan minus check and report settings): shards must agree on it. */
  fingerprint: string;
  datasets: PlanDataset[];
  venue: Record<string, unknown>;
  windows: PlanWindow[];
  variants: Variant[];
  /**
   * Volume profiles for VWAP variants without a `profile` parameter, keyed `<window>/<variant>`:
   * traded volume per slice at the window's time of day, summed over the datasets of the same
   * instrument (with one day of data, that day's own volume in the window).
   */
  profiles: Record<string, number[]>;
  seeds: (string | number)[];
  tca: ScenarioSpec['tca'];
  report: ScenarioSpec['report'];
  check: ScenarioSpec['check'];
  cellCount: number;
}

/** One unit of work: (window, strategy variant, seed), run in a fresh simulation. */
export interface Cell {
  index: number;
  key: string;
  window: PlanWindow;
  variant: Variant;
  seed: string | number;
  /** Seed of this cell's random streams, derived from (scenario seed, key). */
  cellSeed: string;
  /** The variant's parameters for this window (a VWAP profile filled in from the data). */
  params: Record<string, ParamValue>;
}

/** Resolves instruments, windows and sizes; reads each dataset once. */
export async function planScenario(scenario: Scenario): Promise<Plan> {
  const { spec, file } = scenario;
  const datasets: PlanDataset[] = [];
  const scans: DatasetScan[] = [];
  for (const ref of scenario.datasets) {
    const declared = await datasetInstrument(ref);
    const instrument = new Instrument({ ...declared, ...(spec.instrument ?? {}) }).spec();
    await verifyDataset(ref, instrument); // here, before any cell replays it
    datasets.push({ ref, instrument, sha256: await datasetSha256(ref) });
    scans.push(await scanDataset(ref));
  }
  const windows: PlanWindow[] = [];
  const sizeOf = (d: number, size: SizeSpec, startUs: number, endUs: number, what: string): string => {
    const inst = new Instrument(datasets[d].instrument);
    if (size.kind === 'absolute') {
      const lots = inst.sizeToLots(size.value, 'reject', { file });
      if (lots <= 0)
        throw new InputError('bad-scenario', `${what}: expected a size of at least one lot`, { file });
      return inst.lotsToSize(lots);
    }
    const volume = volumeBetween(scans[d], startUs, endUs);
    const lots = Math.max(1, Math.floor((volume * size.value) / inst.lot + 1e-9));
    return inst.lotsToSize(lots);
  };
  if (spec.orders) {
    for (const [i, o] of spec.orders.entries()) {
      const startUs = parseTime(o.start, `orders[${i}].start`, { file });
      const endUs = parseTime(o.end, `orders[${i}].end`, { file });
      if (endUs <= startUs) {
        throw new InputError('bad-scenario', `orders[${i}].end: expected a time after start`, { file });
      }
      const scan = scans[o.dataset];
      if (startUs < scan.firstUs || startUs >= scan.lastUs) {
        throw new InputError(
          'bad-scenario',
          `orders[${i}].start: expected a time inside the dataset's data`,
          { file },
        );
      }
      windows.push({
        index: i,
        dataset: o.dataset,
        dataStartUs: scan.firstUs,
        startUs,
        endUs,
        side: o.side as 1 | -1,
        size: sizeOf(o.dataset, o.size, startUs, endUs, `orders[${i}].size`),
        urgency: o.urgency,
      });
    }
  } else if (spec.generate) {
    const g = spec.generate;
    const durationUs = Math.round(g.durationSeconds * US_PER_SECOND);
    const warmupUs = Math.round(g.warmupSeconds * US_PER_SECOND);
    for (let d = 0; d < datasets.length; d++) {
      const scan = scans[d];
      const lo = scan.firstUs + warmupUs;
      const hi = scan.lastUs - durationUs;
      if (hi < lo) {
        throw new InputError(
          'bad-scenario',
          `generate.durationSeconds: expected warm-up plus window to fit in dataset ${d}'s ${((scan.lastUs - scan.firstUs) / US_PER_SECOND).toFixed(1)} s of data`,
          { file },
        );
      }
      const rnd = seedrandom.alea(`execsim-windows:${String(g.seed ?? spec.seed)}:${d}`);
      const starts: number[] = [];
      for (let w = 0; w < g.windows; w++) starts.push(lo + Math.floor(rnd() * (hi - lo + 1)));
      starts.sort((a, b) => a - b);
      for (const [w, startUs] of starts.entries()) {
        const side: 1 | -1 = g.side === 'sell' || (g.side === 'alternate' && w % 2 === 1) ? -1 : 1;
        const endUs = startUs + durationUs;
        windows.push({
          index: windows.length,
          dataset: d,
          dataStartUs: scan.firstUs,
          startUs,
          endUs,
          side,
          size: sizeOf(d, g.size, startUs, endUs, 'generate.size'),
          urgency: g.urgency,
        });
      }
    }
  }
  const variants = expandVariants(spec);
  if (spec.tca.baseline !== undefined && !variants.some((v) => v.label === spec.tca.baseline)) {
    throw new InputError(
      'bad-scenario',
      `tca.baseline: expected one of the strategy labels (${variants.map((v) => v.label).join(', ')}), got ${spec.tca.baseline}`,
      { file },
    );
  }
  const profiles = vwapProfiles(windows, variants, datasets, scans);
  const body = {
    name: spec.name,
    seed: spec.seed,
    datasets,
    venue: spec.venue,
    windows,
    variants,
    profiles,
    seeds: spec.seeds,
    tca: spec.tca,
    report: spec.report,
    check: spec.check,
    cellCount: windows.length * variants.length * spec.seeds.length,
  };
  // Tolerances and report formats do not change what cells compute, so they stay out of the fingerprint.
  const { check: _check, report: _report, ...computed } = body;
  return { ...body, fingerprint: sha256Hex(canonicalJson(computed)) };
}

/** Each strategy × each combination of its grid values, in file order then grid order. */
export function expandVariants(spec: ScenarioSpec): Variant[] {
  const out: Variant[] = [];
  for (const st of spec.strategies) {
    const keys = Object.keys(st.grid).sort();
    let combos: Record<string, ParamValue>[] = [{}];
    for (const k of keys) combos = combos.flatMap((c) => st.grid[k].map((v) => ({ ...c, [k]: v })));
    for (const combo of combos) {
      const suffix = keys.map((k) => `${k}=${JSON.stringify(combo[k])}`).join(',');
      const base = st.label ?? st.name;
      out.push({
        label: suffix ? `${base}[${suffix}]` : base,
        name: st.name,
        params: { ...st.params, ...combo },
      });
    }
  }
  const seen = new Set<string>();
  for (const v of out) {
    if (seen.has(v.label))
      throw new InputError(
        'bad-scenario',
        `strategies: two variants are both labelled ${v.label}; give a label`,
      );
    seen.add(v.label);
  }
  return out;
}

/** Cell `index` of the grid; windows outermost, then variants, then seeds. */
export function cellAt(plan: Plan, index: number): Cell {
  const S = plan.seeds.length;
  const V = plan.variants.length;
  const s = index % S;
  const v = Math.floor(index / S) % V;
  const w = Math.floor(index / (S * V));
  const window = plan.windows[w];
  const variant = plan.variants[v];
  const seed = plan.seeds[s];
  const key = `w${window.index}/${variant.label}/s${String(seed)}`;
  const profile = plan.profiles[`${w}/${v}`];
  const params = profile ? { ...variant.params, profile } : variant.params;
  return { index, key, window, variant, seed, cellSeed: deriveSeed(plan.seed, key), params };
}

/** Slices of a schedule, as the execution layer's ScheduleAlgorithm counts them (default 10). */
function sliceCount(params: Record<string, ParamValue>, spanUs: number): number | undefined {
  const interval = params.intervalSeconds;
  if (interval !== undefined) {
    return typeof interval === 'number' && interval > 0
      ? Math.max(1, Math.round(spanUs / (interval * 1e6)))
      : undefined;
  }
  const slices = params.slices ?? 10;
  return typeof slices === 'number' && slices >= 1 ? Math.round(slices) : undefined;
}

function vwapProfiles(
  windows: PlanWindow[],
  variants: Variant[],
  datasets: PlanDataset[],
  scans: DatasetScan[],
): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  const dayOf = (us: number) => Math.floor(us / US_PER_DAY);
  for (const [v, variant] of variants.entries()) {
    if (variant.name !== 'VWAP' || variant.params.profile !== undefined) continue;
    for (const w of windows) {
      const span = w.endUs - w.startUs;
      const n = sliceCount(variant.params, span);
      if (n === undefined) continue; // the algorithm reports the bad parameter itself
      const own = datasets[w.dataset].instrument;
      const volume = new Array<number>(n).fill(0);
      for (const [d, ds] of datasets.entries()) {
        if (ds.instrument.venue !== own.venue || ds.instrument.symbol !== own.symbol) continue;
        // Another day of the same instrument: its trades moved onto the window's day.
        const shift = (dayOf(scans[w.dataset].firstUs) - dayOf(scans[d].firstUs)) * US_PER_DAY;
        const { tradeTs, tradeSize } = scans[d];
        for (let i = 0; i < tradeTs.length; i++) {
          const t = tradeTs[i] + shift;
          if (t < w.startUs || t >= w.endUs) continue;
          volume[Math.min(n - 1, Math.floor(((t - w.startUs) * n) / span))] += tradeSize[i];
        }
      }
      if (volume.some((x) => x > 0)) out[`${w.index}/${v}`] = volume.map((x) => Number(x.toFixed(9)));
    }
  }
  return out;
}
