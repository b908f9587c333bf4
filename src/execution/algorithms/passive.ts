import { Algorithm } from '../algorithm.ts';
import { boolParam, numParam } from '../models.ts';

/**
 * Posts at the own touch (post-only), re-pegs when the touch moves away from its price, and — with
 * `completionSweep` (default on) — takes what is left `sweepSeconds` before the horizon.
 */
export class Passive extends Algorithm {
  readonly name = 'PASSIVE';
  private readonly sweep = boolParam(this.params, 'completionSweep', true);
  private readonly sweepLeadUs = numParam(this.params, 'sweepSeconds', 1, 0) * 1e6;
  private sweeping = false;

  protected begin(): void {
    this.post(this.remaining(), 'join touch');
    this.ctx.market.onQuote(() => this.repeg());
    if (this.sweep) {
      const at = Math.max(this.parent.startUs, this.parent.endUs - this.sweepLeadUs);
      this.ctx.clock.setTimer(at, () => {
        if (this.done) return;
        this.sweeping = true;
        this.cancelPassive();
        if (this.livePassive().length === 0) this.take(this.unallocated(), 'completion sweep');
      });
    }
  }

  private repeg(): void {
    if (this.done || this.sweeping) return;
    const touch = this.nearTouch();
    for (const [id, price] of this.livePassive()) if (price !== touch) this.cancelChild(id);
  }

  protected override onChildClosed(): void {
    if (this.done || this.ctx.clock.now() >= this.parent.endUs) return;
    if (this.sweeping) this.take(this.unallocated(), 'completion sweep');
    else if (this.livePassive().length === 0) this.post(this.unallocated(), 're-peg');
  }
}
