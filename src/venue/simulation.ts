import type { Instrument } from '../core/index.ts';
import type { EventBatch } from '../data/index.ts';
import { Kernel, type LocalMarket, type RunOptions, type RunStats } from '../sim/index.ts';
import { Account } from './account.ts';
import { resolveVenue, type VenueConfigInput, type VenueSettings } from './config.ts';
import { FeeModel } from './fees.ts';
import { ImpactOverlay } from './impact.ts';
import { MatchingEngine } from './matching.ts';
import { SimulatedVenue } from './simulated-venue.ts';

export interface SimulationOptions {
  instrument: Instrument;
  /** Venue behaviour: VENUE.json-style keys or settings already resolved (defaults when absent). */
  venue?: VenueConfigInput | VenueSettings;
  seed?: string | number;
  /** Clock reading before the first event (µs, default 0). */
  startUs?: number;
}

/**
 * One simulated run: the kernel, the exchange's matching engine and the strategy's three ports —
 * `clock` (Clock), `venue` (VenuePort) and `market` (MarketDataView) — ready to hand to algorithms —
 * and the `account` the fills add up to.
 */
export class Simulation {
  readonly kernel: Kernel;
  readonly engine: MatchingEngine;
  readonly venue: SimulatedVenue;
  readonly clock: Kernel;
  readonly market: LocalMarket;
  /** Our position and cash from the fills the strategy has been told of. */
  readonly account: Account;

  constructor(opts: SimulationOptions) {
    const settings =
      opts.venue && 'queue' in opts.venue ? opts.venue : resolveVenue(opts.venue as VenueConfigInput);
    this.kernel = new Kernel({ instrument: opts.instrument, seed: opts.seed, startUs: opts.startUs });
    let venue: SimulatedVenue | undefined;
    this.engine = new MatchingEngine({
      instrument: opts.instrument,
      book: this.kernel.exchangeBook,
      queue: settings.queue,
      consumeLiquidity: settings.consumeLiquidity,
      fees: new FeeModel(opts.instrument, settings.fees),
      impact: settings.impact ? new ImpactOverlay(settings.impact) : undefined,
      emit: (e, kind) => venue?.deliver(e, kind),
    });
    venue = new SimulatedVenue(this.kernel, this.engine, settings.latency);
    this.venue = venue;
    const orders = this.engine.orders;
    this.account = new Account(opts.instrument, (id) => orders.get(id)?.side);
    venue.onOrderEvent((e) => this.account.onOrderEvent(e));
    this.kernel.setExchangeListener(this.engine);
    this.clock = this.kernel;
    this.market = this.kernel.market;
  }

  run(source: Iterable<EventBatch> | AsyncIterable<EventBatch>, opts: RunOptions = {}): Promise<RunStats> {
    return this.kernel.run(source, opts);
  }

  runSync(source: Iterable<EventBatch>, opts: RunOptions = {}): RunStats {
    return this.kernel.runSync(source, opts);
  }

  /** Hands the books' memory back for the next simulation on this thread; unusable afterwards. */
  release(): void {
    this.kernel.release();
  }
}
