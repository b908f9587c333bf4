import { cpus, totalmem } from 'node:os';

/** One measured figure. `baseline` is the same quantity for the reference measured in the same run. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
  /** value / baseline. */
  ratio?: number;
  note?: string;
}

export function figure(
  name: string,
  value: number,
  unit: string,
  baseline?: { name: string; value: number },
): Figure {
  const f: Figure = { name, value: round(value), unit };
  if (baseline) {
    f.baseline = round(baseline.value);
    f.baselineName = baseline.name;
    f.ratio = round(value / baseline.value);
  }
  return f;
}

/** The middle value (the mean of the two middle ones for an even count). */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function round(x: number): number {
  return Number(x.toPrecision(4));
}

export function machine(): Record<string, string | number> {
  const c = cpus();
  return {
    cpu: c[0]?.model ?? 'unknown',
    cores: c.length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
  };
}

/** Bench scripts print their figures as the last line of stdout, so run.ts can collect them. */
export function emit(figures: Figure[]): void {
  process.stdout.write(`${JSON.stringify({ figures })}\n`);
}

/** Peak resident set size of this process so far, MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
