import { Algorithm } from '../algorithm.ts';
import { numParam } from '../models.ts';

/**
 * Takes liquidity at once: a marketable IOC limit capped by the execution limit (and the parent's
 * limit). What the visible book cannot give is retried every `retrySeconds` until the horizon.
 */
export class Aggressive extends Algorithm {
  readonly name = 'AGGRESSIVE';
  private readonly retryUs = numParam(this.params, 'retrySeconds', 1, 0.001) * 1e6;

  protected begin(): void {
    this.take(this.remaining(), 'immediate');
  }

  protected override onChildClosed(): void {
    if (this.done || this.unallocated() <= 0) return;
    const at = this.ctx.clock.now() + this.retryUs;
    if (at < this.parent.endUs)
      this.ctx.clock.setTimer(at, () => !this.done && this.take(this.unallocated(), 'retry'));
  }
}
