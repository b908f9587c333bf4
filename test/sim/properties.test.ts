import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Instrument, type OrderEvent, type OrderRequest } from '../../src/core/index.ts';
import { allocBatch, type EventBatch, EventKind } from '../../src/data/index.ts';
import { type ExchangeEvent, type RequestKind, Simulation } from '../../src/venue/index.ts';

const inst = new Instrument({ venue: 'test', symbol: 'T', tickSize: '1', lotSize: '1' });

/** A market row: [gap µs, feed latency µs, kind, side, price, size]. */
const rowArb = fc.tuple(
  fc.integer({ min: 0, max: 20 }),
  fc.integer({ min: 0, max: 30 }),
  fc.constantFrom(EventKind.DEPTH, EventKind.TRADE),
  fc.constantFrom(1, -1),
  fc.integer({ min: 95, max: 105 }),
  fc.integer({ min: 0, max: 20 }),
);

/**
 * Rows that also clear a side and list snapshot levels, as a venue's periodic snapshots do; bids
 * at 96–100 and asks at 100–104, so that our orders rest long enough for the queue to matter.
 */
const rowWithSnapshotsArb = fc
  .tuple(
    fc.integer({ min: 0, max: 8 }),
    fc.integer({ min: 0, max: 30 }),
    fc.constantFrom(EventKind.DEPTH, EventKind.DEPTH, EventKind.TRADE, EventKind.CLEAR, EventKind.SNAPSHOT),
    fc.constantFrom(1, -1),
    fc.integer({ min: 0, max: 4 }),
    fc.integer({ min: 0, max: 20 }),
  )
  .map(([gap, lat, kind, side, level, size]) => [
    gap,
    lat,
    kind,
    side,
    side > 0 ? 100 - level : 100 + level,
    size,
  ]);

type Action =
  | { t: number; kind: 'submit'; req: OrderRequest }
  | { t: number; kind: 'cancel'; id: string }
  | { t: number; kind: 'modify'; id: string; price: number; size: number };

const actionArb = (withModify: boolean) =>
  fc.tuple(
    fc.integer({ min: 0, max: 600 }),
    fc.constantFrom(
      ...(withModify ? ['submit', 'submit', 'cancel', 'modify'] : ['submit', 'submit', 'cancel']),
    ),
    fc.integer({ min: 0, max: 4 }),
    fc.constantFrom<1 | -1>(1, -1),
    fc.constantFrom('market', 'limit', 'limit'),
    fc.constantFrom('GTC', 'IOC', 'FOK', 'POST_ONLY'),
    fc.integer({ min: 93, max: 107 }),
    fc.integer({ min: 1, max: 30 }),
  );

function batchOf(rows: [number, number, number, number, number, number][]): EventBatch {
  const b = allocBatch(Math.max(1, rows.length));
  let t = 0;
  rows.forEach(([gap, lat, k, s, p, q], i) => {
    t += gap;
    b.tsExch[i] = t;
    b.tsLocal[i] = t + lat;
    b.kind[i] = k;
    b.side[i] = s;
    b.price[i] = p;
    b.size[i] = k === EventKind.TRADE ? Math.max(1, q) : q;
  });
  b.length = rows.length;
  return b;
}

function toActions(raw: [number, string, number, 1 | -1, string, string, number, number][]): Action[] {
  let n = 0;
  return raw.map(([t, kind, idx, side, type, tif, price, size]) => {
    if (kind === 'cancel') return { t, kind: 'cancel', id: `o${idx}` };
    if (kind === 'modify') return { t, kind: 'modify', id: `o${idx}`, price, size };
    const market = type === 'market';
    return {
      t,
      kind: 'submit',
      req: {
        id: `o${n++}`,
        side,
        type: market ? 'market' : 'limit',
        tif: (market && tif === 'POST_ONLY' ? 'GTC' : tif) as OrderRequest['tif'],
        price: market ? Number.NaN : price,
        size,
      },
    };
  });
}

interface Checked {
  events: OrderEvent[];
  violations: string[];
  sim: Simulation;
}

/** Runs one scenario, checking fills against the exchange book at the instant they are made. */
function run(batch: EventBatch, actions: Action[], consumeLiquidity = true, listen = false): Checked {
  const sim = new Simulation({ instrument: inst, venue: { consumeLiquidity } });
  if (listen) sim.market.onQuote(() => {});
  const events: OrderEvent[] = [];
  const violations: string[] = [];
  sim.venue.onOrderEvent((e) => events.push(e));
  const deliver = sim.venue.deliver.bind(sim.venue);
  const book = sim.kernel.exchangeBook;
  // Lots our orders took per [side taken from, price] since the feed last set that level.
  const taken = [new Map<number, number>(), new Map<number, number>()];
  const onRow = sim.engine.onExchangeRow.bind(sim.engine);
  sim.engine.onExchangeRow = (t, k, side, price, size) => {
    if (k === EventKind.DEPTH || k === EventKind.SNAPSHOT) taken[side > 0 ? 0 : 1].delete(price);
    else if (k === EventKind.CLEAR)
      for (const i of side > 0 ? [0] : side < 0 ? [1] : [0, 1]) taken[i].clear();
    onRow(t, k, side, price, size);
  };
  sim.venue.deliver = (e: ExchangeEvent, kind: RequestKind) => {
    if (e.event === 'fill') {
      const w = sim.engine.orders.get(e.id);
      const p = e.price as number;
      const q = e.size as number;
      if (!w) violations.push(`fill of unknown ${e.id}`);
      else {
        if (!Number.isInteger(q) || q <= 0) violations.push(`fill size ${q}`);
        if (!Number.isNaN(w.price) && (w.side > 0 ? p > w.price : p < w.price)) {
          violations.push(`${e.id} filled at ${p} beyond its limit ${w.price}`);
        }
        if (e.liquidity === 'taker') {
          const best = w.side > 0 ? book.bestAsk() : book.bestBid();
          if (w.side > 0 ? p < best : p > best)
            violations.push(`taker ${e.id} at ${p} better than best ${best}`);
          const shown = book.side(-w.side).sizeAt(p);
          if (shown < q) violations.push(`taker ${e.id} took ${q} at ${p}, more than shown`);
          if (consumeLiquidity) {
            const level = taken[w.side > 0 ? 1 : 0];
            const total = (level.get(p) ?? 0) + q;
            level.set(p, total);
            if (total > shown) violations.push(`our takers took ${total} at ${p}, which showed ${shown}`);
          }
        } else if (p !== w.price) violations.push(`maker ${e.id} filled at ${p}, not its limit ${w.price}`);
      }
    }
    deliver(e, kind);
  };
  for (const a of actions) {
    sim.clock.setTimer(a.t, () => {
      if (a.kind === 'submit') sim.venue.submit(a.req);
      else if (a.kind === 'cancel') sim.venue.cancel(a.id);
      else sim.venue.modify(a.id, a.price, a.size);
    });
  }
  sim.runSync([batch]);
  for (const [p, s] of [...book.view(1000).bids, ...book.view(1000).asks]) {
    if (!(s > 0)) violations.push(`level ${p} has size ${s}`);
  }
  return { events, violations, sim };
}

const scenario = (withModify: boolean) =>
  fc.tuple(
    fc.array(rowArb, { minLength: 1, maxLength: 60 }),
    fc.array(actionArb(withModify), { maxLength: 12 }),
  );

/** Lots a resting order may have ahead: the level's displayed size and our other orders there. */
function queueViolations(sim: Simulation): string[] {
  const out: string[] = [];
  const book = sim.kernel.exchangeBook;
  const resting = [...sim.engine.orders.values()].filter((w) => w.resting);
  for (const w of resting) {
    const ours = resting
      .filter((o) => o !== w && o.side === w.side && o.price === w.price)
      .reduce((n, o) => n + o.leaves, 0);
    const shown = book.side(w.side).sizeAt(w.price);
    if (w.ahead < 0 || w.ahead > shown + ours + 1e-9) {
      out.push(`${w.id} at ${w.price} has ${w.ahead} ahead; the level shows ${shown}, ours ${ours}`);
    }
  }
  return out;
}

describe('venue properties', () => {
  it('a queue estimate never exceeds what the level shows plus our own lots there', () => {
    const rows = fc.array(rowWithSnapshotsArb, { minLength: 40, maxLength: 150 });
    fc.assert(
      fc.property(rows, fc.array(actionArb(true), { maxLength: 12 }), (r, raw) => {
        const sim = new Simulation({ instrument: inst, venue: {} });
        const violations: string[] = [];
        const engine = sim.engine;
        const onRow = engine.onExchangeRow.bind(engine);
        // Checked before each row reaches the exchange side, when the book holds every earlier row.
        engine.onExchangeRow = (t, kind, side, price, size) => {
          violations.push(...queueViolations(sim));
          onRow(t, kind, side, price, size);
        };
        for (const a of toActions(raw as never)) {
          sim.clock.setTimer(a.t, () => {
            if (a.kind === 'submit') sim.venue.submit(a.req);
            else if (a.kind === 'cancel') sim.venue.cancel(a.id);
            else sim.venue.modify(a.id, a.price, a.size);
          });
        }
        sim.runSync([batchOf(r as never)]);
        violations.push(...queueViolations(sim));
        expect(violations).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('quantity is conserved: filled + leaves + cancelled = ordered', () => {
    fc.assert(
      fc.property(scenario(true), fc.boolean(), ([rows, raw], consume) => {
        const actions = toActions(raw as never);
        const { events, sim } = run(batchOf(rows as never), actions, consume);
        for (const a of actions) {
          if (a.kind !== 'submit') continue;
          // A modify sets the working size: what is ordered is then filled + cancelled + that.
          let ordered = a.req.size;
          let filled = 0;
          let cancelled = 0;
          for (const e of events) {
            if (e.id !== a.req.id) continue;
            if (e.event === 'fill') filled += e.size as number;
            else if (e.event === 'canceled' || e.event === 'expired') cancelled += e.size as number;
            else if (e.event === 'modified') ordered = filled + cancelled + (e.size as number);
          }
          const w = sim.engine.orders.get(a.req.id);
          if (events.some((e) => e.id === a.req.id && e.event === 'rejected')) {
            expect(filled).toBe(0);
            continue;
          }
          const leaves = w?.leaves ?? 0;
          expect(leaves).toBeGreaterThanOrEqual(0);
          expect(filled + leaves + cancelled).toBe(ordered);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('no taker fill better than the book, none beyond the limit, no negative level', () => {
    fc.assert(
      fc.property(scenario(true), fc.boolean(), ([rows, raw], consume) => {
        const { violations } = run(batchOf(rows as never), toActions(raw as never), consume);
        expect(violations).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });

  it('identical input gives identical output', () => {
    fc.assert(
      fc.property(scenario(true), ([rows, raw]) => {
        const a = run(batchOf(rows as never), toActions(raw as never));
        const b = run(batchOf(rows as never), toActions(raw as never));
        expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
      }),
      { numRuns: 100 },
    );
  });

  it('a strategy listening to the market changes nothing the venue does', () => {
    fc.assert(
      fc.property(scenario(true), ([rows, raw]) => {
        const quiet = run(batchOf(rows as never), toActions(raw as never));
        const heard = run(batchOf(rows as never), toActions(raw as never), true, true);
        expect(JSON.stringify(heard.events)).toBe(JSON.stringify(quiet.events));
        expect(heard.sim.market.book.view(50)).toEqual(quiet.sim.market.book.view(50));
      }),
      { numRuns: 100 },
    );
  });
});
