import { Decimal } from 'decimal.js';
import { Instrument } from '../core/index.ts';
import { analyzeOrder, MarketTape, type OrderAnalysis, type TcaFill, type TcaOrder } from '../tca/index.ts';
import type { CellRecord } from './executor.ts';
import { checkUnchanged, openEvents } from './market-source.ts';
import type { Plan } from './plan.ts';

/** The parts of a simulator cell record that TCA reads (see execute-cell.ts). */
interface SimRecord {
  parent: { id: string; side: 1 | -1; size: string; startUs: number; endUs: number };
  events: {
    ts: number;
    id: string;
    event: string;
    price?: string;
    size?: string;
    fee?: string;
    liquidity?: 'maker' | 'taker';
    impact?: string;
  }[];
}

/** Each plan's tapes on this thread, by dataset index: built once, from the dataset's rows. */
const tapes = new WeakMap<Plan, Map<number, Promise<MarketTape>>>();

/** The market tape of a plan's dataset (quotes and prints over its whole span). */
export function tapeOf(plan: Plan, dataset: number): Promise<MarketTape> {
  let byDataset = tapes.get(plan);
  if (byDataset === undefined) {
    byDataset = new Map();
    tapes.set(plan, byDataset);
  }
  let tape = byDataset.get(dataset);
  if (tape === undefined) {
    const ds = plan.datasets[dataset];
    tape = checkUnchanged(ds).then(() =>
      MarketTape.fromBatches(new Instrument(ds.instrument), openEvents(ds.ref)),
    );
    byDataset.set(dataset, tape);
  }
  return tape;
}

/**
 * TCA of one cell: its parent order and fills against its dataset's tape. A function of the plan
 * and the record only, so it gives the same analysis on whichever thread runs it. Orders are
 * paired on (window, seed): every strategy ran the same window with the same seed.
 */
export async function analyzeCell(plan: Plan, cell: CellRecord): Promise<OrderAnalysis> {
  const w = plan.windows[cell.window];
  const tape = await tapeOf(plan, w.dataset);
  const rec = cell.record as unknown as SimRecord;
  const order: TcaOrder = {
    id: cell.key,
    side: rec.parent.side,
    size: new Decimal(rec.parent.size),
    decisionTs: rec.parent.startUs,
    endTs: rec.parent.endUs,
    symbol: plan.datasets[w.dataset].instrument.symbol,
    strategy: cell.strategy,
    window: `w${cell.window}/s${String(cell.seed)}`,
  };
  const fills: TcaFill[] = rec.events
    .filter((e) => e.event === 'fill')
    .map((e) => ({
      orderId: cell.key,
      childId: e.id,
      ts: e.ts,
      price: new Decimal(e.price ?? '0'),
      size: new Decimal(e.size ?? '0'),
      fee: new Decimal(e.fee ?? '0'),
      liquidity: e.liquidity,
      impact: e.impact !== undefined ? new Decimal(e.impact) : undefined,
    }));
  // The report reads no fill's spreads or markouts (the order's markout sums make the curves):
  // not made, sent between threads or kept for it.
  return analyzeOrder(order, fills, tape, {
    markoutsSeconds: plan.tca.markoutsSeconds,
    spreadsPerFill: false,
    markoutsPerFill: false,
  });
}

/**
 * TCA of every cell, in cell order. `known` holds analyses already made (by the pool threads that
 * ran the cells); the others are made here.
 */
export async function analyzeCells(
  plan: Plan,
  cells: CellRecord[],
  known: ReadonlyMap<number, OrderAnalysis> = new Map(),
): Promise<OrderAnalysis[]> {
  const out: OrderAnalysis[] = [];
  for (const cell of cells) out.push(known.get(cell.index) ?? (await analyzeCell(plan, cell)));
  return out;
}
