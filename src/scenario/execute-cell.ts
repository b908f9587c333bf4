import { Decimal } from 'decimal.js';
import { InputError, Instrument, type OrderEvent, type OrderRequest, TickLotSum } from '../core/index.ts';
import { batchWithLength, type EventBatch } from '../data/index.ts';
import {
  type Clock,
  type MarketDataView,
  type RunningStrategy,
  startStrategy,
  type VenuePort,
} from '../execution/index.ts';
import { Simulation } from '../venue/index.ts';
import type { CellRecord, ExecuteCell, Json } from './executor.ts';
import { checkUnchanged } from './market-source.ts';
import type { Cell, Plan } from './plan.ts';
import { replaySource } from './replay-source.ts';
import type { ParamValue } from './schema.ts';

/** The parent order a strategy works in one cell; size in lots, times in local µs. */
export interface ParentOrder {
  id: string;
  side: 1 | -1;
  sizeLots: number;
  startUs: number;
  endUs: number;
  urgency: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
}

/** The execution ports a strategy is driven through. */
export interface StrategyPorts {
  clock: Clock;
  venue: VenuePort;
  market: MarketDataView;
}

/**
 * Sets a strategy up on a parent order before the replay starts; it schedules its own start at
 * `parent.startUs` and runs on timers and listeners. It may return a function giving its outcome
 * (status, notes, logged signals) for the record once the replay is over.
 */
export type StartStrategy = (
  ports: StrategyPorts,
  parent: ParentOrder,
  params: Record<string, ParamValue>,
  seed: string,
) => (() => { [key: string]: Json }) | undefined;

/** Finds the strategy of a scenario's strategy name (AGGRESSIVE, TWAP, …, ROUTER). */
export type StrategyResolver = (name: string) => StartStrategy;

/** Data replayed after the window's end, so answers to requests sent before it arrive. */
const GRACE_US = 1_000_000;

/**
 * An executor that runs each cell in a fresh Simulation over the real venue model: replays the
 * dataset from its first row, starts the strategy at the window's start, records every child order
 * it sends and every order event it receives, and measures the tape over the window.
 */
export function makeSimExecutor(resolve: StrategyResolver): ExecuteCell {
  return async (plan: Plan, cell: Cell): Promise<CellRecord> => {
    const w = cell.window;
    const ds = plan.datasets[w.dataset];
    await checkUnchanged(ds);
    const instrument = new Instrument(ds.instrument);
    const start = resolve(cell.variant.name);
    const sim = new Simulation({ instrument, venue: plan.venue, seed: cell.cellSeed });
    const parent: ParentOrder = {
      id: 'P1',
      side: w.side,
      sizeLots: instrument.sizeToLots(w.size),
      startUs: w.startUs,
      endUs: w.endUs,
      urgency: w.urgency,
    };
    const children: OrderRequest[] = [];
    const sent: { ts: number; action: string; id: string; price?: number; size?: number }[] = [];
    const events: OrderEvent[] = [];
    const port: VenuePort = {
      instrument,
      submit: (o) => {
        children.push({ ...o });
        sent.push({ ts: sim.clock.now(), action: 'submit', id: o.id });
        sim.venue.submit(o);
      },
      cancel: (id) => {
        sent.push({ ts: sim.clock.now(), action: 'cancel', id });
        sim.venue.cancel(id);
      },
      modify: (id, price, size) => {
        sent.push({ ts: sim.clock.now(), action: 'modify', id, price, size });
        sim.venue.modify(id, price, size);
      },
      onOrderEvent: (l) => sim.venue.onOrderEvent(l),
    };
    sim.venue.onOrderEvent((e) => events.push(e));
    const tape = { trades: 0, lots: 0, notional: new TickLotSum() };
    // Listening from the window's start (a µs before it, so a print at the start is heard) keeps the
    // replay before it free of per-row listener work.
    sim.clock.setTimer(w.startUs - 1, () =>
      sim.market.onTrade((t) => {
        if (t.ts < w.startUs || t.ts >= w.endUs) return;
        tape.trades += 1;
        tape.lots += t.size;
        tape.notional.add(t.price, t.size);
      }),
    );
    let arrivalMid = Number.NaN;
    let endMid = Number.NaN;
    sim.clock.setTimer(w.startUs, () => {
      arrivalMid = sim.market.book.mid();
    });
    // Strategies schedule their own start at parent.startUs, after the arrival mid above is taken.
    const outcome = start(
      { clock: sim.clock, venue: port, market: sim.market },
      parent,
      cell.params,
      cell.cellSeed,
    );
    sim.clock.setTimer(w.endUs, () => {
      endMid = sim.market.book.mid();
    });
    const replayed = await sim.run(
      until(await replaySource(ds.ref, instrument, sim.kernel), w.endUs + GRACE_US),
    );

    const price = (ticks: number): Json => (Number.isFinite(ticks) ? ticksText(instrument, ticks) : null);
    const fills = events.filter((e) => e.event === 'fill');
    const filledLots = fills.reduce((s, e) => s + (e.size ?? 0), 0);
    const fees = fills.reduce((s, e) => s.plus(e.fee ?? '0'), new Decimal(0));
    // Every object is built with its keys in sorted order (an absent member as undefined), so that
    // canonicalJson serialises the record as it is instead of copying each of its objects.
    const out: CellRecord = {
      index: cell.index,
      key: cell.key,
      record: {
        children: children.map((o) => ({
          id: o.id,
          price: price(o.price),
          side: o.side,
          size: instrument.lotsToSize(o.size),
          tif: o.tif,
          type: o.type,
        })),
        events: events.map((e) => eventJson(instrument, e)),
        fees: fees.toString(),
        filled: instrument.lotsToSize(filledLots),
        market: {
          arrivalMid: price(arrivalMid),
          endMid: price(endMid),
          trades: tape.trades,
          volume: instrument.lotsToSize(Math.round(tape.lots)),
          vwap: tape.lots > 0 ? ticksText(instrument, tape.notional.ratio(tape.lots)) : null,
        },
        outcome: outcome ? outcome() : null,
        parent: {
          endUs: w.endUs,
          id: parent.id,
          params: cell.params as { [key: string]: Json },
          side: parent.side,
          size: w.size,
          startUs: w.startUs,
          strategy: cell.variant.name,
          urgency: w.urgency,
        },
        // The day's rows up to the window's end, and those the exchange applied at a clamped time
        // (docs/venue.md): a repair of the data's clocks, so counted where the results are.
        replay: { clampedRows: replayed.clampedRows, rows: replayed.rows },
        requests: sent.map(
          (r) =>
            ({
              action: r.action,
              id: r.id,
              price: r.price !== undefined ? price(r.price) : undefined,
              size: r.size !== undefined ? instrument.lotsToSize(r.size) : undefined,
              ts: r.ts,
            }) as { [key: string]: Json },
        ),
      },
      seed: cell.seed,
      strategy: cell.variant.label,
      window: w.index,
    };
    // The next cell on this thread builds its books in this one's memory.
    sim.release();
    return out;
  };
}

/** An order event as JSON, its keys in sorted order; members the event lacks are undefined (left out). */
function eventJson(inst: Instrument, e: OrderEvent): { [key: string]: Json } {
  return {
    event: e.event,
    fee: e.fee,
    id: e.id,
    impact: e.impact !== undefined ? ticksText(inst, e.impact) : undefined,
    leaves: e.leaves !== undefined ? inst.lotsToSize(e.leaves) : undefined,
    liquidity: e.liquidity,
    price: e.price !== undefined && Number.isFinite(e.price) ? ticksText(inst, e.price) : undefined,
    reason: e.reason,
    size: e.size !== undefined ? inst.lotsToSize(e.size) : undefined,
    ts: e.ts,
    tsExch: e.tsExch,
  } as { [key: string]: Json };
}

/** A price in ticks (possibly fractional: mids, VWAPs) as decimal text, two digits finer than the tick. */
function ticksText(inst: Instrument, ticks: number): string {
  return inst.tickSize.mul(ticks).toFixed(inst.priceDecimals + 2);
}

/** The rows up to local time `stopUs` (inclusive), then stops reading. */
async function* until(
  source: AsyncIterable<EventBatch> | Iterable<EventBatch>,
  stopUs: number,
): AsyncGenerator<EventBatch> {
  for await (const b of source) {
    if (b.length === 0) continue;
    if (b.tsLocal[b.length - 1] <= stopUs) {
      yield b;
      continue;
    }
    let n = 0;
    while (n < b.length && b.tsLocal[n] <= stopUs) n++;
    if (n > 0) yield batchWithLength(b, n);
    return;
  }
}

/**
 * The execution layer's strategy of that name. Bad parameters (RangeError from the algorithms)
 * become InputError naming the strategy. The outcome kept in the record: the final status, the
 * strategy's note, the child count, and the log (ADAPTIVE's signals, ROUTER's decision, refusals
 * by the slippage controller).
 */
function executionStrategy(name: string): StartStrategy {
  return (ports, parent, params) => {
    let running: RunningStrategy;
    try {
      running = startStrategy(name, ports, parent, params);
    } catch (err) {
      if (err instanceof RangeError) throw new InputError('bad-strategy', `${name}: ${err.message}`);
      throw err;
    }
    return () => {
      const r = running.result();
      return {
        children: r.slices.length,
        log: r.log.map((entry) => ({ ...entry }) as { [key: string]: Json }),
        note: r.note ?? null,
        status: r.status,
        strategy: r.strategy,
      };
    };
  };
}

/** The default executor: the simulator with the execution layer's strategies. */
export const executeCell: ExecuteCell = makeSimExecutor(executionStrategy);
