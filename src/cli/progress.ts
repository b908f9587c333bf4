import cliProgress from 'cli-progress';

/** A progress bar on stderr, silent when stderr is not a terminal or with --quiet. */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
  /** Seconds since the bar was made (for the closing summary only, never for results). */
  elapsedSeconds(): number;
  /** Ends the command's current phase under `name` (its seconds go to the summary's timings). */
  endPhase(name: string): void;
  /**
   * Seconds the process ran before the bar was made (`startup`: Node and the CLI loading), then
   * each phase ended so far, in order.
   */
  timings(): Record<string, number>;
}

export function makeProgress(label: string, quiet: boolean): Progress {
  // The progress display is the one place execsim reads a clock: it never reaches results.
  // performance.now: monotonic, so a step of the wall clock cannot make a phase negative.
  const started = performance.now();
  const elapsedSeconds = () => (performance.now() - started) / 1000;
  const phases: Record<string, number> = { startup: Math.round(process.uptime() * 1000) / 1000 };
  let phaseStart = started;
  const timing = {
    elapsedSeconds,
    endPhase(name: string) {
      const now = performance.now();
      phases[name] = Math.round(now - phaseStart) / 1000;
      phaseStart = now;
    },
    timings: () => ({ ...phases }),
  };
  if (quiet || !process.stderr.isTTY) {
    return { update: () => {}, stop: () => {}, ...timing };
  }
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} [{bar}] {value}/{total} cells | {eta_formatted} left`,
      stream: process.stderr,
      hideCursor: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started_ = false;
  return {
    update(done, total) {
      if (!started_) {
        bar.start(total, done);
        started_ = true;
      } else bar.update(done);
    },
    stop() {
      if (started_) bar.stop();
    },
    ...timing,
  };
}

/** Prints a summary: JSON on stdout with --json, else readable lines. */
export function printSummary(json: boolean, summary: Record<string, unknown>, lines: string[]): void {
  if (json) process.stdout.write(`${JSON.stringify(summary)}\n`);
  else process.stdout.write(`${lines.join('\n')}\n`);
}
