import type { OrderEvent, OrderRequest } from '../../src/core/index.ts';
import { Instrument } from '../../src/core/index.ts';
import { allocBatch, type EventBatch, EventKind } from '../../src/data/index.ts';
import { Simulation, type VenueConfigInput } from '../../src/venue/index.ts';

export const { DEPTH, TRADE, CLEAR, SNAPSHOT } = EventKind;
export const unit = new Instrument({ venue: 'test', symbol: 'T', tickSize: '1', lotSize: '1' });
/** An inverse perpetual like BTCUSD: 100 USD a contract, priced in USD, settled in BTC. */
export const inverseBtcUsd = new Instrument({
  venue: 't',
  symbol: 'BTCUSD_PERP',
  tickSize: '0.5',
  lotSize: '1',
  contractMultiplier: '100',
  kind: 'inverse',
});
export const BID = 1;
export const ASK = -1;

/** [ts_exch, ts_local, kind, side, price, size]; ts_local defaults to ts_exch. */
export type Row = [number, number | undefined, number, number, number, number];

export function batchOf(rows: Row[]): EventBatch {
  const b = allocBatch(Math.max(1, rows.length));
  rows.forEach(([te, tl, k, s, p, q], i) => {
    b.tsExch[i] = te;
    b.tsLocal[i] = tl ?? te;
    b.kind[i] = k;
    b.side[i] = s;
    b.price[i] = p;
    b.size[i] = q;
  });
  b.length = rows.length;
  return b;
}

export type Action =
  | { at: number; submit: Partial<OrderRequest> & { id: string; side: 1 | -1; size: number } }
  | { at: number; cancel: string }
  | { at: number; modify: string; price: number; size: number }
  | { at: number; probe: (sim: Simulation) => void };

/** Runs rows and strategy actions (at local times) through a fresh simulation; returns order events. */
export async function simulate(rows: Row[], actions: Action[], venue: VenueConfigInput = {}) {
  const sim = new Simulation({ instrument: unit, venue });
  const events: OrderEvent[] = [];
  sim.venue.onOrderEvent((e) => events.push(e));
  for (const a of actions) {
    sim.clock.setTimer(a.at, () => {
      if ('submit' in a) {
        const s = a.submit;
        sim.venue.submit({
          type: s.type ?? (s.price === undefined ? 'market' : 'limit'),
          tif: s.tif ?? 'GTC',
          price: s.price ?? Number.NaN,
          ...s,
        } as OrderRequest);
      } else if ('cancel' in a) sim.venue.cancel(a.cancel);
      else if ('modify' in a) sim.venue.modify(a.modify, a.price, a.size);
      else a.probe(sim);
    });
  }
  await sim.run([batchOf(rows)]);
  return { events, sim };
}

/** Fills as [price, size, liquidity] for compact assertions. */
export function fills(events: OrderEvent[], id?: string): [number, number, string][] {
  return events
    .filter((e) => e.event === 'fill' && (id === undefined || e.id === id))
    .map((e) => [e.price!, e.size!, e.liquidity!]);
}

export function kinds(events: OrderEvent[], id?: string): string[] {
  return events.filter((e) => id === undefined || e.id === id).map((e) => e.event);
}
