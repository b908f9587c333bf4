import type { Instrument, OrderEvent, OrderRequest } from '../core/index.ts';
import { type Kernel, Phase } from '../sim/index.ts';
import type { LatencyModel, RequestKind } from './latency.ts';
import type { ExchangeEvent, MatchingEngine } from './matching.ts';

/**
 * The strategy's end of the order link (structurally an execution-layer VenuePort). A request sent
 * at local time t reaches the exchange at t + entry latency and the exchange's answers come back
 * after the response latency; neither direction lets a message overtake an earlier one. A negative
 * entry latency (a recorded rejection) is answered `rejected` / `cancel_rejected` without reaching
 * the matching engine.
 */
export class SimulatedVenue {
  readonly instrument: Instrument;
  private readonly listeners: ((event: OrderEvent) => void)[] = [];
  private lastArrival = Number.NEGATIVE_INFINITY;
  private lastDelivery = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly kernel: Kernel,
    private readonly engine: MatchingEngine,
    private readonly latency: LatencyModel,
  ) {
    this.instrument = kernel.instrument;
  }

  submit(order: OrderRequest): void {
    const req = { ...order };
    this.send('submit', req.id, (t) => this.engine.submit(req, t));
  }

  cancel(id: string): void {
    this.send('cancel', id, (t) => this.engine.cancel(id, t));
  }

  modify(id: string, price: number, size: number): void {
    this.send('modify', id, (t) => this.engine.modify(id, price, size, t));
  }

  onOrderEvent(listener: (event: OrderEvent) => void): void {
    this.listeners.push(listener);
  }

  /** Called by the matching engine for every event it produces at exchange time. */
  deliver(event: ExchangeEvent, kind: RequestKind): void {
    const at = Math.max(event.tsExch + this.latency.response(kind, event.tsExch), this.lastDelivery);
    this.lastDelivery = at;
    const full = { ts: at, ...event } as OrderEvent;
    this.kernel.schedule(at, Phase.ORDER_DELIVERY, () => {
      for (const l of this.listeners) l(full);
    });
  }

  private send(kind: RequestKind, id: string, work: (t: number) => void): void {
    const t = this.kernel.now();
    const entry = this.latency.entry(kind, t);
    if (entry < 0) {
      const event = kind === 'submit' ? 'rejected' : 'cancel_rejected';
      this.deliver({ tsExch: t, id, event, reason: 'venue-rejected' }, kind);
      return;
    }
    const arrival = Math.max(t + entry, this.lastArrival);
    this.lastArrival = arrival;
    this.kernel.schedule(arrival, Phase.ORDER_ARRIVAL, () => work(arrival));
  }
}
