import { describe, expect, it } from 'vitest';
import type { Simulation } from '../../src/venue/index.ts';
import { DEPTH, fills, kinds, type Row, simulate, TRADE } from './harness.ts';

const asks = (...levels: [number, number][]): Row[] => levels.map(([p, s]) => [0, 0, DEPTH, -1, p, s]);

describe('taking liquidity (behaviours 4–9)', () => {
  it('4: a market BUY 2 walks 1@1500 then 1@1510, both taker', async () => {
    const { events } = await simulate(asks([1500, 1], [1510, 1]), [
      { at: 100, submit: { id: 'a', side: 1, size: 2 } },
    ]);
    expect(fills(events)).toEqual([
      [1500, 1, 'taker'],
      [1510, 1, 'taker'],
    ]);
    expect(kinds(events)).toEqual(['accepted', 'fill', 'fill']);
  });

  it('5: FOK BUY 2 @1510 against 1 available ends expired with no fill', async () => {
    const { events } = await simulate(asks([1500, 1]), [
      { at: 100, submit: { id: 'a', side: 1, size: 2, price: 1510, tif: 'FOK' } },
    ]);
    expect(kinds(events)).toEqual(['accepted', 'expired']);
    expect(fills(events)).toEqual([]);
  });

  it('5b: FOK BUY for exactly what is available fills it all', async () => {
    const { events } = await simulate(asks([1500, 1], [1510, 1]), [
      { at: 100, submit: { id: 'a', side: 1, size: 2, price: 1510, tif: 'FOK' } },
    ]);
    expect(fills(events)).toEqual([
      [1500, 1, 'taker'],
      [1510, 1, 'taker'],
    ]);
    expect(events.at(-1)).toMatchObject({ event: 'fill', leaves: 0 });
  });

  it('6: a limit BUY 1 @1501 fills at the book price 1500, taker', async () => {
    const { events } = await simulate(asks([1500, 1]), [
      { at: 100, submit: { id: 'a', side: 1, size: 1, price: 1501 } },
    ]);
    expect(fills(events)).toEqual([[1500, 1, 'taker']]);
  });

  it('7: market, IOC, GTC and post-only against asks 101×5, 102×5', async () => {
    const book = asks([101, 5], [102, 5]);
    const market = await simulate(book, [{ at: 100, submit: { id: 'm', side: 1, size: 50 } }]);
    expect(fills(market.events)).toEqual([
      [101, 5, 'taker'],
      [102, 5, 'taker'],
    ]);
    expect(market.events.at(-1)).toMatchObject({ event: 'canceled', size: 40, leaves: 0 });

    const ioc = await simulate(book, [
      { at: 100, submit: { id: 'i', side: 1, size: 50, price: 102, tif: 'IOC' } },
    ]);
    expect(fills(ioc.events)).toEqual([
      [101, 5, 'taker'],
      [102, 5, 'taker'],
    ]);
    expect(ioc.events.at(-1)).toMatchObject({ event: 'canceled', size: 40 });

    let resting: number | undefined;
    // A sell print at 101 later trades through the resting 40: they fill at their own price, 102.
    const gtc = await simulate(
      [...book, [300, 300, TRADE, -1, 101, 1]],
      [
        { at: 100, submit: { id: 'g', side: 1, size: 50, price: 102 } },
        { at: 200, probe: (s: Simulation) => (resting = s.engine.workingOrders) },
      ],
    );
    expect(fills(gtc.events)).toEqual([
      [101, 5, 'taker'],
      [102, 5, 'taker'],
      [102, 40, 'maker'],
    ]);
    expect(gtc.events.filter((e) => e.event === 'fill').map((e) => [e.tsExch, e.leaves])).toEqual([
      [110, 45],
      [110, 40],
      [300, 0],
    ]);
    expect(resting).toBe(1);

    const post = await simulate(book, [
      { at: 100, submit: { id: 'p', side: 1, size: 1, price: 101, tif: 'POST_ONLY' } },
    ]);
    expect(kinds(post.events)).toEqual(['rejected']);
  });

  it('8: consumed liquidity is gone until the feed updates the level', async () => {
    const { events } = await simulate(asks([1000, 50]), [
      { at: 100, submit: { id: 'a', side: 1, size: 50 } },
      { at: 200, submit: { id: 'b', side: 1, size: 50 } },
    ]);
    expect(fills(events, 'a')).toEqual([[1000, 50, 'taker']]);
    expect(fills(events, 'b')).toEqual([]);
    expect(kinds(events, 'b')).toEqual(['accepted', 'canceled']);
  });

  it('8: what our orders take at one level adds up: 20, 20, then 10 of the 40 asked', async () => {
    const { events } = await simulate(asks([1000, 50]), [
      { at: 100, submit: { id: 'a', side: 1, size: 20 } },
      { at: 200, submit: { id: 'b', side: 1, size: 20 } },
      { at: 300, submit: { id: 'c', side: 1, size: 40 } },
    ]);
    expect(fills(events, 'a')).toEqual([[1000, 20, 'taker']]);
    expect(fills(events, 'b')).toEqual([[1000, 20, 'taker']]);
    expect(fills(events, 'c')).toEqual([[1000, 10, 'taker']]);
  });

  it('8b: a feed update of the level restores it', async () => {
    const { events } = await simulate(
      [...asks([1000, 50]), [150, 150, DEPTH, -1, 1000, 30]],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 50 } },
        { at: 200, submit: { id: 'b', side: 1, size: 50 } },
      ],
    );
    expect(fills(events, 'b')).toEqual([[1000, 30, 'taker']]);
  });

  it('9: with consumption off both orders fill 50', async () => {
    const { events } = await simulate(
      asks([1000, 50]),
      [
        { at: 100, submit: { id: 'a', side: 1, size: 50 } },
        { at: 200, submit: { id: 'b', side: 1, size: 50 } },
      ],
      { consumeLiquidity: false },
    );
    expect(fills(events)).toEqual([
      [1000, 50, 'taker'],
      [1000, 50, 'taker'],
    ]);
  });
});

describe('resting orders and the queue (behaviours 10–17)', () => {
  const bid100 = (size: number): Row => [0, 0, DEPTH, 1, 100, size];
  const sellAt = (t: number, price: number, size: number): Row => [t, t, TRADE, -1, price, size];

  it('10: sell trades of 80, 30, 50 eat Q = 100 first, then fill 10 and 40', async () => {
    const q: (number | undefined)[] = [];
    const { events } = await simulate(
      [bid100(100), sellAt(200, 100, 80), sellAt(300, 100, 30), sellAt(400, 100, 50)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 50, price: 100 } },
        { at: 150, probe: (s) => q.push(s.engine.queueAhead('a')) },
        { at: 250, probe: (s) => q.push(s.engine.queueAhead('a')) },
        { at: 350, probe: (s) => q.push(s.engine.queueAhead('a')) },
      ],
    );
    // Q = 100 on joining, 20 after the 80, 0 after the 30 (of which 10 filled us).
    expect(q).toEqual([100, 20, 0]);
    expect(
      events.filter((e) => e.event === 'fill').map((e) => [e.tsExch, e.size, e.leaves, e.liquidity]),
    ).toEqual([
      [300, 10, 40, 'maker'],
      [400, 40, 0, 'maker'],
    ]);
  });

  it('11: a sell trade through our bid fills it at our price; others do nothing', async () => {
    const { events } = await simulate(
      [bid100(50), sellAt(200, 101, 5), [300, 300, TRADE, 1, 100, 500], sellAt(400, 99, 1)],
      [{ at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } }],
    );
    expect(
      events.filter((e) => e.event === 'fill').map((e) => [e.tsExch, e.price, e.size, e.liquidity]),
    ).toEqual([[400, 100, 1, 'maker']]);
  });

  it('11: a trade through fills the whole order, whatever the print’s size', async () => {
    const { events } = await simulate(
      [bid100(50), sellAt(200, 99, 1)],
      [{ at: 100, submit: { id: 'a', side: 1, size: 5, price: 100 } }],
    );
    expect(
      events.filter((e) => e.event === 'fill').map((e) => [e.tsExch, e.price, e.size, e.leaves, e.liquidity]),
    ).toEqual([[200, 100, 5, 0, 'maker']]);
  });

  it('12: an ask row at our bid price fills us at our price, up to what is there', async () => {
    const { events } = await simulate(
      [bid100(20), [0, 0, DEPTH, -1, 101, 5], [200, 200, DEPTH, -1, 100, 7]],
      [{ at: 100, submit: { id: 'a', side: 1, size: 10, price: 100 } }],
    );
    expect(fills(events)).toEqual([[100, 7, 'maker']]);
    expect(events.at(-1)).toMatchObject({ leaves: 3 });
  });

  it('12: an ask row through our bid fills us at our price, not the row’s', async () => {
    const { events } = await simulate(
      [bid100(20), [0, 0, DEPTH, -1, 101, 5], [200, 200, DEPTH, -1, 99, 7]],
      [{ at: 100, submit: { id: 'a', side: 1, size: 10, price: 100 } }],
    );
    expect(fills(events)).toEqual([[100, 7, 'maker']]);
    expect(events.at(-1)).toMatchObject({ tsExch: 200, leaves: 3 });
  });

  it('13: a trade stamped t does not fill an order that reaches the exchange at t', async () => {
    const { events } = await simulate(
      [[0, 0, DEPTH, -1, 105, 1], sellAt(100, 100, 10), sellAt(101, 100, 10)],
      [{ at: 90, submit: { id: 'a', side: 1, size: 5, price: 100 } }],
    );
    expect(events.filter((e) => e.event === 'fill').map((e) => e.tsExch)).toEqual([101]);
  });

  it('14: our own orders queue behind each other', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [bid100(10)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 4, price: 100 } },
        { at: 110, submit: { id: 'b', side: 1, size: 6, price: 100 } },
        { at: 200, probe: (s) => q.push(s.engine.queueAhead('a'), s.engine.queueAhead('b')) },
      ],
    );
    expect(q).toEqual([10, 14]);
  });

  it('15: modify — size down keeps Q, price change or size up goes to the back, crossing takes', async () => {
    const q: (number | undefined)[] = [];
    const probe = (at: number) => ({ at, probe: (s: Simulation) => q.push(s.engine.queueAhead('a')) });
    const { events } = await simulate(
      [bid100(10), [0, 0, DEPTH, 1, 99, 8], [0, 0, DEPTH, -1, 103, 2], [150, 150, DEPTH, 1, 100, 30]],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 5, price: 100 } },
        probe(200),
        { at: 300, modify: 'a', price: 100, size: 3 },
        probe(400),
        { at: 500, modify: 'a', price: 100, size: 4 },
        probe(600),
        { at: 700, modify: 'a', price: 99, size: 4 },
        probe(800),
        { at: 900, modify: 'a', price: 103, size: 4 },
      ],
    );
    expect(q).toEqual([10, 10, 30, 8]);
    expect(fills(events)).toEqual([[103, 2, 'taker']]);
    expect(events.at(-1)).toMatchObject({ event: 'fill', leaves: 2 });
  });

  it('16: power:2 — others join behind, a cancel of 3 leaves Q = 7.6; a trade explains the next decrease', async () => {
    const q: (number | undefined)[] = [];
    const probe = (at: number) => ({ at, probe: (s: Simulation) => q.push(s.engine.queueAhead('a')) });
    await simulate(
      [
        bid100(10),
        [200, 200, DEPTH, 1, 100, 15],
        [300, 300, DEPTH, 1, 100, 12],
        sellAt(500, 100, 2),
        [510, 510, DEPTH, 1, 100, 10],
      ],
      [{ at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } }, probe(400), probe(600)],
      { queueModel: 'power:2' },
    );
    expect(q[0]).toBeCloseTo(7.6, 12);
    expect(q[1]).toBeCloseTo(5.6, 12);
  });

  it('16: at one timestamp the order of the rows decides: the trade first gives 5.6, the depth row first 4.1', async () => {
    const at500 = async (rows: Row[]) => {
      let q: number | undefined;
      await simulate(
        [bid100(10), [200, 200, DEPTH, 1, 100, 15], [300, 300, DEPTH, 1, 100, 12], ...rows],
        [
          { at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } },
          { at: 600, probe: (s) => (q = s.engine.queueAhead('a')) },
        ],
        { queueModel: 'power:2' },
      );
      return q;
    };
    const trade = sellAt(500, 100, 2);
    const depth: Row = [500, 500, DEPTH, 1, 100, 10];
    expect(await at500([trade, depth])).toBeCloseTo(5.6, 12);
    // The decrease of 2 first, unexplained: F = 7.6, B = 12 − 7.6, p = B²/(B² + F²); then the trade eats 2.
    const F = 7.6;
    const B = 12 - F;
    expect(await at500([depth, trade])).toBeCloseTo(F - (1 - B ** 2 / (B ** 2 + F ** 2)) * 2 - 2, 12);
  });

  it('16: log family gives Q = 8.2830 on the first step', async () => {
    let q: number | undefined;
    await simulate(
      [bid100(10), [200, 200, DEPTH, 1, 100, 15], [300, 300, DEPTH, 1, 100, 12]],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } },
        { at: 400, probe: (s) => (q = s.engine.queueAhead('a')) },
      ],
      { queueModel: 'log' },
    );
    expect(q!.toFixed(4)).toBe('8.2830');
  });

  it('17: at the tail Q follows the level down; at the head Q stays 0', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [
        bid100(10),
        [200, 200, DEPTH, 1, 100, 6],
        sellAt(300, 100, 6),
        [400, 400, DEPTH, 1, 100, 0],
        [400, 400, DEPTH, 1, 100, 3],
      ],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 50, price: 100 } },
        { at: 250, probe: (s) => q.push(s.engine.queueAhead('a')) },
        { at: 450, probe: (s) => q.push(s.engine.queueAhead('a')) },
      ],
      { queueModel: 'power:2' },
    );
    expect(q).toEqual([6, 0]);
  });
});

describe('latency and lifecycle (behaviours 18–20)', () => {
  it('18: sent at 0, at the exchange at 10, fill report at 20 plus the wait in the queue', async () => {
    const taker = await simulate(asks([100, 5]), [{ at: 0, submit: { id: 'a', side: 1, size: 1 } }]);
    expect(taker.events.map((e) => [e.event, e.tsExch, e.ts])).toEqual([
      ['accepted', 10, 20],
      ['fill', 10, 20],
    ]);
    const maker = await simulate(
      [
        [0, 0, DEPTH, 1, 100, 0],
        [50, 50, TRADE, -1, 100, 1],
      ],
      [{ at: 0, submit: { id: 'a', side: 1, size: 1, price: 100 } }],
    );
    expect(maker.events.filter((e) => e.event === 'fill').map((e) => [e.tsExch, e.ts])).toEqual([[50, 60]]);
  });

  it('19: partial fills of 2 then 3 complete a BUY 5; a later trade fills nothing more', async () => {
    const { events, sim } = await simulate(
      [
        [0, 0, DEPTH, 1, 100, 0],
        [100, 100, TRADE, -1, 100, 2],
        [200, 200, TRADE, -1, 100, 3],
        [300, 300, TRADE, -1, 100, 9],
      ],
      [
        { at: 0, submit: { id: 'a', side: 1, size: 5, price: 100 } },
        { at: 400, cancel: 'a' },
      ],
    );
    expect(events.map((e) => [e.event, e.size, e.leaves])).toEqual([
      ['accepted', 5, 5],
      ['fill', 2, 3],
      ['fill', 3, 0],
      ['cancel_rejected', undefined, undefined],
    ]);
    expect(sim.account.position).toBe('5');
    expect(sim.engine.orders.get('a')?.status).toBe('filled');
  });

  it('20: a maker BUY 2 @100 with a −0.5 bps maker fee: cash −200, fee −0.01', async () => {
    const { events, sim } = await simulate(
      [
        [0, 0, DEPTH, 1, 100, 0],
        [100, 100, TRADE, -1, 100, 2],
      ],
      [{ at: 0, submit: { id: 'a', side: 1, size: 2, price: 100 } }],
      { fees: { makerBps: -0.5, takerBps: 4 } },
    );
    expect(events.filter((e) => e.event === 'fill').map((e) => [e.price, e.size, e.fee])).toEqual([
      [100, 2, '-0.01'],
    ]);
    expect(sim.account.cash.toFixed()).toBe('-200');
    expect(sim.account.fees.toFixed()).toBe('-0.01');
    // Marked at 101: −200 + 0.01 + 2 × 101.
    expect(sim.account.pnl(101).toFixed()).toBe('2.01');
  });
});
