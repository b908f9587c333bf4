import { Decimal } from 'decimal.js';
import { Instrument } from '../core/index.ts';
import { analyzeOrder, MarketTape, type OrderAnalysis, type TcaFill, type TcaOrder } from '../tca/index.ts';
import type { CellRecord } from './executor.ts';
import { openEvents } from './market-source.ts';
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

/**
 * TCA of every cell. The tape of each dataset is built once, here on one thread, so the analyses —
 * and the report — depend only on the plan and the cell records, never on how cells were spread.
 * Orders are paired on (window, seed): every strategy ran the same window with the same seed.
 */
export async function analyzeCells(
  plan: Plan,
  cells: CellRecord[],
): Promise<{ analyses: OrderAnalysis[]; tapes: Map<number, MarketTape> }> {
  const tapes = new Map<number, MarketTape>();
  const out: OrderAnalysis[] = [];
  for (const cell of cells) {
    const w = plan.windows[cell.window];
    let tape = tapes.get(w.dataset);
    if (!tape) {
      const ds = plan.datasets[w.dataset];
      tape = await MarketTape.fromBatches(new Instrument(ds.instrument), openEvents(ds.ref));
      tapes.set(w.dataset, tape);
    }
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
    out.push(analyzeOrder(order, fills, tape, { markoutsSeconds: plan.tca.markoutsSeconds }));
  }
  return { analyses: out, tapes };
}
