import { Algorithm } from '../algorithm.ts';
import { numParam } from '../models.ts';

/**
 * Percentage of volume: every `checkSeconds`, takes what keeps our filled size at `rate` × the
 * market volume printed since the start, capped at the remaining size. It does not force completion:
 * in a quiet market it ends short and says so.
 */
export class Pov extends Algorithm {
  readonly name = 'POV';
  private readonly rate = numParam(this.params, 'rate', 0.1, 0.0001, 1);
  private readonly everyUs = numParam(this.params, 'checkSeconds', 1, 0.001) * 1e6;
  private observed = 0;

  protected begin(): void {
    this.ctx.market.onTrade((t) => {
      if (t.ts >= this.parent.startUs) this.observed += t.size;
    });
    this.tick();
  }

  private tick(): void {
    if (this.done) return;
    const owed = Math.min(this.parent.sizeLots, Math.floor(this.rate * this.observed));
    const behind = owed - (this.parent.sizeLots - this.unallocated());
    if (behind > 0) this.take(behind, `participation ${this.rate}`);
    const next = this.ctx.clock.now() + this.everyUs;
    if (next < this.parent.endUs) this.ctx.clock.setTimer(next, () => this.tick());
  }
}
