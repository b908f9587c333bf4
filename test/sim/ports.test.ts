import { describe, expect, it } from 'vitest';
import { Instrument, type OrderEvent } from '../../src/core/index.ts';
import { allocBatch, EventKind } from '../../src/data/index.ts';
import type { Clock, MarketDataView, TradeTick, VenuePort } from '../../src/execution/index.ts';
import { Simulation } from '../../src/venue/index.ts';

const inst = new Instrument({ venue: 'test', symbol: 'T', tickSize: '0.5', lotSize: '0.1' });

describe('the simulation exposes the execution ports', () => {
  it('clock, venue and market satisfy Clock, VenuePort and MarketDataView and work through them', () => {
    const sim = new Simulation({ instrument: inst });
    // These assignments are the proof: they fail to type-check if the shapes drift apart.
    const clock: Clock = sim.clock;
    const venue: VenuePort = sim.venue;
    const market: MarketDataView = sim.market;

    const events: OrderEvent[] = [];
    const trades: TradeTick[] = [];
    const quotes: number[] = [];
    venue.onOrderEvent((e) => events.push(e));
    market.onTrade((t) => trades.push(t));
    market.onQuote((ts) => quotes.push(ts));
    clock.setTimer(100, () => {
      expect(clock.now()).toBe(100);
      venue.submit({ id: 'a', side: 1, type: 'market', tif: 'IOC', price: Number.NaN, size: 3 });
    });

    const b = allocBatch(2);
    // ask 100.5 × 0.5 (201 ticks × 5 lots), seen locally 40 µs later; a print at 100.25 (off-grid).
    b.tsExch.set([0, 50]);
    b.tsLocal.set([40, 60]);
    b.kind.set([EventKind.DEPTH, EventKind.TRADE]);
    b.side.set([-1, -1]);
    b.price.set([100.5, 100.25]);
    b.size.set([0.5, 0.2]);
    b.length = 2;
    sim.runSync([b]);

    expect(quotes).toEqual([40]);
    expect(trades).toEqual([{ ts: 60, side: -1, price: 200.5, size: 2 }]);
    expect(market.book.bestAsk()).toBe(201);
    expect(events.map((e) => [e.event, e.tsExch, e.ts, e.price, e.size, e.leaves])).toEqual([
      ['accepted', 110, 120, undefined, 3, 3],
      ['fill', 110, 120, 201, 3, 0],
    ]);
  });
});
