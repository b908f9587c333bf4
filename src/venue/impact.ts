/**
 * Optional impact overlay. Replayed history does not react to us; this overlay estimates how much
 * our own taking would have moved the price, in ticks, and shifts our later taker fills by it.
 * After a taker fill of q lots on side s: permanent += s·permanent·(q/unit)^exponent and temporary
 * += s·temporary·(q/unit)^exponent, the temporary part decaying as exp(−Δt / decayUs). exponent 0.5 is
 * the square-root family.
 */
export interface ImpactConfig {
  /** Permanent impact coefficient, ticks per (q/unit)^exponent. */
  permanent: number;
  /** Temporary impact coefficient, ticks per (q/unit)^exponent. */
  temporary: number;
  /** e-folding time of the temporary part, µs. */
  decayUs: number;
  /** Size unit in lots (e.g. a typical level size). */
  unitLots: number;
  exponent?: number;
}

export class ImpactOverlay {
  private permanent = 0;
  private temporary = 0;
  private lastUs = 0;
  private readonly exponent: number;

  constructor(private readonly cfg: ImpactConfig) {
    this.exponent = cfg.exponent ?? 0.5;
  }

  /** Signed price shift in ticks at time t (positive: our buying pushed prices up). */
  current(t: number): number {
    this.decay(t);
    return this.permanent + this.temporary;
  }

  /** Records our taker fill of `lots` on `side` (+1 buy, −1 sell) at time t. */
  record(t: number, side: number, lots: number): void {
    this.decay(t);
    const x = side * (lots / this.cfg.unitLots) ** this.exponent;
    this.permanent += this.cfg.permanent * x;
    this.temporary += this.cfg.temporary * x;
  }

  private decay(t: number): void {
    if (t > this.lastUs && this.temporary !== 0) {
      this.temporary *= Math.exp(-(t - this.lastUs) / this.cfg.decayUs);
    }
    if (t > this.lastUs) this.lastUs = t;
  }
}
