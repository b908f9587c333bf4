import { readFile } from 'node:fs/promises';
import type { Decimal } from 'decimal.js';
import { Decimal as D } from 'decimal.js';
import { InputError, parseDecimal, parseTime } from '../core/index.ts';
import type { TcaFill, TcaOrder } from './types.ts';

/** Rows of a simple comma-separated file with a header: numbers, ids and words, no quoting. */
async function readTable(file: string, required: string[]): Promise<{ header: string[]; rows: string[][] }> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    throw new InputError('unreadable', (err as Error).message, { file });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines.length === 0)
    throw new InputError('missing-columns', `empty file: expected header ${required.join(',')}`, { file });
  const header = lines[0].split(',').map((h) => h.trim());
  const missing = required.filter((c) => !header.includes(c));
  if (missing.length)
    throw new InputError('missing-columns', `no column ${missing.join(', ')} in the header`, {
      file,
      row: 0,
    });
  return { header, rows: lines.slice(1).map((l) => l.split(',').map((c) => c.trim())) };
}

function sideOf(text: string, where: { file: string; row: number }): 1 | -1 {
  const t = text.toUpperCase();
  if (t === 'BUY' || t === 'B' || t === '1' || t === '+1') return 1;
  if (t === 'SELL' || t === 'S' || t === '-1') return -1;
  throw new InputError('bad-side', `side '${text}' is not BUY or SELL`, where);
}

/** ORDERS.csv: id,side,size,decision_ts[,end_ts,decision_price,arrival_price,end_price,symbol,strategy,window]. */
export async function readOrdersCsv(file: string): Promise<TcaOrder[]> {
  const { header, rows } = await readTable(file, ['id', 'side', 'size', 'decision_ts']);
  const col = (name: string) => header.indexOf(name);
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const where = { file, row: i + 1 };
    const get = (name: string) => (col(name) >= 0 && r[col(name)] !== '' ? r[col(name)] : undefined);
    const price = (name: string): Decimal | undefined => {
      const v = get(name);
      return v === undefined ? undefined : positive(parseDecimal(v, name, where), name, where);
    };
    const id = get('id');
    if (!id) throw new InputError('missing-value', 'id is empty', where);
    if (seen.has(id)) throw new InputError('duplicate-id', `order id ${id} appears twice`, where);
    seen.add(id);
    const size = positive(parseDecimal(get('size') ?? '', 'size', where), 'size', where);
    const order: TcaOrder = {
      id,
      side: sideOf(get('side') ?? '', where),
      size,
      decisionTs: parseTime(get('decision_ts') ?? '', 'decision_ts', where),
      decisionPrice: price('decision_price'),
      arrivalPrice: price('arrival_price'),
      endPrice: price('end_price'),
      symbol: get('symbol'),
      strategy: get('strategy'),
      window: get('window'),
    };
    const end = get('end_ts');
    if (end !== undefined) {
      order.endTs = parseTime(end, 'end_ts', where);
      if (order.endTs < order.decisionTs)
        throw new InputError('end-before-start', 'end_ts is before decision_ts', where);
    }
    return order;
  });
}

/** FILLS.csv: order_id,ts,price,size[,fee,liquidity,child_id]; checked against the orders. */
export async function readFillsCsv(file: string, orders: TcaOrder[]): Promise<TcaFill[]> {
  const { header, rows } = await readTable(file, ['order_id', 'ts', 'price', 'size']);
  const col = (name: string) => header.indexOf(name);
  const byId = new Map(orders.map((o) => [o.id, o]));
  const filled = new Map<string, Decimal>();
  return rows.map((r, i) => {
    const where = { file, row: i + 1 };
    const get = (name: string) => (col(name) >= 0 && r[col(name)] !== '' ? r[col(name)] : undefined);
    const orderId = get('order_id') ?? '';
    const order = byId.get(orderId);
    if (!order) throw new InputError('unknown-order', `fill for unknown order '${orderId}'`, where);
    const size = positive(parseDecimal(get('size') ?? '', 'size', where), 'size', where);
    const total = (filled.get(orderId) ?? new D(0)).add(size);
    if (total.gt(order.size)) {
      throw new InputError(
        'overfill',
        `fills of order ${orderId} reach ${total}, more than its size ${order.size}`,
        where,
      );
    }
    filled.set(orderId, total);
    const liq = get('liquidity');
    if (liq !== undefined && liq !== 'maker' && liq !== 'taker') {
      throw new InputError('bad-liquidity', `liquidity '${liq}' is not maker or taker`, where);
    }
    return {
      orderId,
      ts: parseTime(get('ts') ?? '', 'ts', where),
      price: positive(parseDecimal(get('price') ?? '', 'price', where), 'price', where),
      size,
      fee: get('fee') === undefined ? new D(0) : parseDecimal(get('fee')!, 'fee', where),
      liquidity: liq as 'maker' | 'taker' | undefined,
      childId: get('child_id'),
    };
  });
}

function positive(d: Decimal, what: string, where: { file: string; row: number }): Decimal {
  if (d.lte(0)) throw new InputError('not-positive', `${what} ${d} must be positive`, where);
  return d;
}
