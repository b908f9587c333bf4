/** Deterministic id source: `prefix-1`, `prefix-2`, … per instance, never global state. */
export class IdSequence {
  private next = 1;
  constructor(private readonly prefix: string) {}
  take(): string {
    return `${this.prefix}-${this.next++}`;
  }
}
