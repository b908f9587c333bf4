import { describe, expect, it } from 'vitest';
import { Instrument, type OrderEvent } from '../../src/core/index.ts';
import { type EventBatch, EventKind, readEventMeta, readEvents } from '../../src/data/index.ts';
import {
  type ExecutionResult,
  type ParentOrder,
  SlippageController,
  STRATEGIES,
  startStrategy,
} from '../../src/execution/index.ts';
import { Simulation } from '../../src/venue/index.ts';

const FILE = new URL('../../datasets/binance-usdm/BTCUSDT/2024-08-08.parquet', import.meta.url).pathname;
const S = 1_000_000;
const PARAMS: Record<string, Record<string, number>> = {
  TWAP: { slices: 6 },
  VWAP: { slices: 6 },
  IS: { slices: 6 },
  ADAPTIVE: { decisions: 6 },
  ROUTER: { slices: 6, decisions: 6 },
};

async function load(): Promise<{ instrument: Instrument; batches: EventBatch[] }> {
  const { meta } = await readEventMeta(FILE);
  const batches: EventBatch[] = [];
  for await (const b of readEvents(FILE, { cache: false })) batches.push(b);
  return { instrument: new Instrument(meta.instrument), batches };
}

/** Runs one strategy on a 60 s window of real USDⓈ-M BTCUSDT data through the simulated venue. */
async function runOne(
  name: string,
  data: { instrument: Instrument; batches: EventBatch[] },
  sizeLots = 2_000,
) {
  const sim = new Simulation({ instrument: data.instrument, seed: 7 });
  const start = data.batches[0].tsLocal[0] + 60 * S;
  const parent: ParentOrder = {
    id: 'P',
    side: 1,
    sizeLots,
    startUs: start,
    endUs: start + 60 * S,
    urgency: 'MEDIUM',
  };
  const events: OrderEvent[] = [];
  sim.venue.onOrderEvent((e) => events.push(e));
  const slippage = new SlippageController();
  const strategy = startStrategy(
    name,
    { clock: sim.clock, venue: sim.venue, market: sim.market },
    parent,
    PARAMS[name] ?? {},
    slippage,
  );
  let done: ExecutionResult | undefined;
  strategy.onDone((r) => {
    done = r;
  });
  await sim.run(data.batches.values());
  return { result: done ?? strategy.result(), events, parent, arrival: slippage.benchmark('P') ?? 0 };
}

describe('every algorithm on real data through the simulated venue', async () => {
  const data = await load();
  it.each(STRATEGIES.filter((s) => s !== 'POV'))(
    '%s completes 2 BTC within its horizon, within its limits, deterministically',
    async (name) => {
      const a = await runOne(name, data);
      const b = await runOne(name, data);
      expect(a.result.filledLots, JSON.stringify(a.result.log.slice(0, 3))).toBe(2_000);
      expect(a.result.status).toBe('filled');
      const fills = a.events.filter((e) => e.event === 'fill');
      expect(fills.reduce((s, e) => s + (e.size ?? 0), 0)).toBe(2_000);
      for (const f of fills) {
        expect(f.ts).toBeGreaterThanOrEqual(a.parent.startUs);
        expect(f.ts).toBeLessThanOrEqual(a.parent.endUs + S);
      }
      // No child was priced beyond the 50 bps execution limit against the arrival mid (a buy: no
      // child above arrival·1.005), and none filled above its own price.
      expect(a.arrival).toBeGreaterThan(0);
      const accepted = a.events.filter((e) => e.event === 'accepted' || e.event === 'modified');
      expect(accepted.length).toBeGreaterThan(0);
      for (const e of accepted) {
        expect(e.price).toBeDefined();
        expect(SlippageController.bps(1, e.price ?? Number.NaN, a.arrival)).toBeLessThanOrEqual(50);
      }
      const priceOf = new Map(accepted.map((e) => [e.id, e.price ?? Number.NaN]));
      for (const f of fills) expect(f.price).toBeLessThanOrEqual(priceOf.get(f.id) ?? Number.NaN);
      expect(JSON.stringify(b.events)).toBe(JSON.stringify(a.events));
    },
  );

  it('POV at 10% of a minute of real volume ends short of a 500 BTC parent and says why', async () => {
    const a = await runOne('POV', data, 500_000);
    expect(a.result.status).toBe('expired');
    // Its last check is at 59 s: by then it owes ⌊10% of the lots printed since the start⌋, and
    // the book had them, so that is what it filled.
    const start = data.batches[0].tsLocal[0] + 60 * S;
    let printed = 0;
    for (const b of data.batches)
      for (let i = 0; i < b.length; i++)
        if (b.kind[i] === EventKind.TRADE && b.tsLocal[i] >= start && b.tsLocal[i] <= start + 59 * S)
          printed += data.instrument.lotsOfDouble(b.size[i]);
    const owed = Math.floor(0.1 * printed);
    expect(owed).toBeGreaterThan(0);
    expect(a.result.filledLots).toBe(owed);
    expect(a.result.note).toBe(`horizon reached with ${500_000 - owed} of 500000 lots unfilled`);
  });
});
