/** Distribution of ts_local − ts_exch (µs) over messages that carry an exchange time. */
export class LatencyStats {
  private readonly values: number[] = [];

  add(us: number): void {
    this.values.push(us);
  }

  get count(): number {
    return this.values.length;
  }

  /** `median -1269.4 ms, min … ms, max … ms over N messages`, or '' when empty. */
  describe(): string {
    const n = this.values.length;
    if (n === 0) return '';
    const sorted = Float64Array.from(this.values).sort();
    const median = n % 2 === 1 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    const ms = (us: number) => `${(us / 1000).toFixed(1)} ms`;
    return `median ${ms(median)}, min ${ms(sorted[0])}, max ${ms(sorted[n - 1])} over ${n} messages`;
  }
}
