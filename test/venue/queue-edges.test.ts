import { describe, expect, it } from 'vitest';
import type { OrderEvent } from '../../src/core/index.ts';
import type { Simulation } from '../../src/venue/index.ts';
import { ASK, BID, CLEAR, DEPTH, fills, type Row, SNAPSHOT, simulate, TRADE } from './harness.ts';

// Cases the behaviours list implies but does not spell out: what the queue estimate does when we
// leave a level and come back, when a snapshot replaces the side, and when our own order ahead
// leaves by a cross. Latency is the default 10 µs each way.
const bid100 = (t: number, size: number): Row => [t, t, DEPTH, BID, 100, size];
const sellAt = (t: number, size: number): Row => [t, t, TRADE, ASK, 100, size];
const queueOf = (out: (number | undefined)[], id: string, at: number) => ({
  at,
  probe: (s: Simulation) => out.push(s.engine.queueAhead(id)),
});
const fillsAt = (events: OrderEvent[], id: string) =>
  events.filter((e) => e.event === 'fill' && e.id === id).map((e) => [e.tsExch, e.size, e.leaves]);

describe('queue estimate at the edges', () => {
  it('a trade seen before we left a level does not explain a decrease after we rejoin it', async () => {
    const q: (number | undefined)[] = [];
    const { events } = await simulate(
      [bid100(0, 20), sellAt(200, 5), bid100(400, 15), bid100(600, 10), sellAt(700, 12)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 5, price: 100 } },
        { at: 300, cancel: 'a' },
        { at: 500, submit: { id: 'b', side: 1, size: 5, price: 100 } },
        queueOf(q, 'b', 550),
        queueOf(q, 'b', 650),
      ],
    );
    // b joins behind 15; the level falls to 10 with no trade since b joined: Q = min(15, 10).
    expect(q).toEqual([15, 10]);
    expect(fillsAt(events, 'b')).toEqual([[700, 2, 3]]);
    expect(fillsAt(events, 'a')).toEqual([]);
  });

  it('a snapshot that leaves our level out puts only our own lots ahead of us', async () => {
    const q: (number | undefined)[] = [];
    const { events } = await simulate(
      [
        bid100(0, 10),
        [200, 200, CLEAR, BID, 0, 0],
        [200, 200, SNAPSHOT, BID, 99, 5],
        bid100(300, 3),
        sellAt(400, 5),
      ],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 2, price: 100 } },
        { at: 110, submit: { id: 'b', side: 1, size: 4, price: 100 } },
        queueOf(q, 'a', 150),
        queueOf(q, 'b', 150),
        queueOf(q, 'a', 250),
        queueOf(q, 'b', 250),
        queueOf(q, 'b', 350),
      ],
    );
    // The level is gone, then others join behind us at 3: a at the head, b behind a's 2 lots.
    expect(q).toEqual([10, 12, 0, 2, 2]);
    expect(fillsAt(events, 'a')).toEqual([[400, 2, 0]]);
    expect(fillsAt(events, 'b')).toEqual([[400, 3, 1]]);
  });

  it('a snapshot that lists our level caps Q at its size, from before the clear', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [
        bid100(0, 10),
        [200, 200, CLEAR, BID, 0, 0],
        [200, 200, SNAPSHOT, BID, 100, 4],
        [300, 300, CLEAR, 0, 0, 0],
        [300, 300, SNAPSHOT, BID, 100, 30],
        [300, 300, SNAPSHOT, ASK, 101, 30],
      ],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 2, price: 100 } },
        queueOf(q, 'a', 250),
        queueOf(q, 'a', 350),
      ],
    );
    // Risk-averse: min(10, 4) = 4; a bigger level later is others joining behind: 4 stays.
    expect(q).toEqual([4, 4]);
  });

  it('our order ahead filled by a cross without a trade moves our next order up', async () => {
    const q: (number | undefined)[] = [];
    const { events } = await simulate(
      [
        bid100(0, 10),
        [0, 0, DEPTH, ASK, 103, 5],
        [200, 200, DEPTH, ASK, 100, 2],
        [300, 300, DEPTH, ASK, 100, 5],
      ],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 4, price: 100 } },
        { at: 110, submit: { id: 'b', side: 1, size: 6, price: 100 } },
        queueOf(q, 'b', 150),
        queueOf(q, 'b', 250),
      ],
    );
    // b queues behind the market's 10 and a's 4; a fills 2 by the first cross, so 12 are ahead of b.
    expect(q).toEqual([14, 12]);
    expect(fills(events, 'a')).toEqual([
      [100, 2, 'maker'],
      [100, 2, 'maker'],
    ]);
    expect(fills(events, 'b')).toEqual([[100, 3, 'maker']]);
  });

  it('risk-averse: a level falling below Q takes Q down to the new size; a rise leaves it', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [bid100(0, 10), bid100(200, 4), bid100(300, 9), bid100(400, 6)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } },
        queueOf(q, 'a', 250),
        queueOf(q, 'a', 350),
        queueOf(q, 'a', 450),
      ],
    );
    // 10 → 4: min(10, 4); 4 → 9 joins behind; 9 → 6: min(4, 6) keeps 4.
    expect(q).toEqual([4, 4, 4]);
  });

  it('at the head an unexplained decrease keeps Q at 0 (behaviour 17)', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [bid100(0, 0), bid100(200, 8), bid100(300, 5)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 1, price: 100 } },
        queueOf(q, 'a', 250),
        queueOf(q, 'a', 350),
      ],
      { queueModel: 'power:2' },
    );
    expect(q).toEqual([0, 0]);
  });

  it('our order ahead cancelled moves our next order up by its lots', async () => {
    const q: (number | undefined)[] = [];
    await simulate(
      [bid100(0, 10)],
      [
        { at: 100, submit: { id: 'a', side: 1, size: 4, price: 100 } },
        { at: 110, submit: { id: 'b', side: 1, size: 6, price: 100 } },
        { at: 200, cancel: 'a' },
        queueOf(q, 'b', 250),
      ],
    );
    expect(q).toEqual([10]);
  });

  it('a trade of unknown aggressor side counts against our bids and our asks', async () => {
    const { events } = await simulate(
      [bid100(0, 3), [0, 0, DEPTH, ASK, 101, 2], [200, 200, TRADE, 0, 100, 5], [300, 300, TRADE, 0, 101, 4]],
      [
        { at: 100, submit: { id: 'b', side: 1, size: 5, price: 100 } },
        { at: 100, submit: { id: 's', side: -1, size: 5, price: 101 } },
      ],
    );
    // b: 5 traded, 3 ahead → 2; s: 4 traded, 2 ahead → 2.
    expect(fillsAt(events, 'b')).toEqual([[200, 2, 3]]);
    expect(fillsAt(events, 's')).toEqual([[300, 2, 3]]);
  });

  it('a fractional estimate fills whole lots, rounded down', async () => {
    const q: (number | undefined)[] = [];
    const { events } = await simulate(
      [bid100(0, 10), bid100(200, 15), bid100(300, 12), sellAt(400, 10)],
      [{ at: 100, submit: { id: 'a', side: 1, size: 5, price: 100 } }, queueOf(q, 'a', 350)],
      { queueModel: 'log' },
    );
    // Behaviour 16's log step: Q = 8.2830; a trade of 10 leaves 1.717 for us, so 1 lot fills.
    expect(q[0]?.toFixed(4)).toBe('8.2830');
    expect(fillsAt(events, 'a')).toEqual([[400, 1, 4]]);
  });

  it('the impact overlay moves taker fills only, and never beyond the order limit', async () => {
    const { events } = await simulate(
      [[0, 0, DEPTH, ASK, 100, 4], [0, 0, DEPTH, ASK, 101, 10], bid100(0, 0), sellAt(300, 3)],
      [
        { at: 0, submit: { id: 'a', side: 1, size: 4 } },
        { at: 100, submit: { id: 'm', side: 1, size: 3, price: 100 } },
        { at: 100, submit: { id: 'l', side: 1, size: 1, price: 102 } },
      ],
      { impact: { permanent: 1, temporary: 0, decayUs: 100, unitLots: 1 } },
    );
    const f = events.filter((e) => e.event === 'fill').map((e) => [e.id, e.price, e.liquidity, e.impact]);
    // a's 4 lots move later taking by 1·√4 = 2 ticks: l takes 101 at 103, cut at its 102 limit.
    expect(f).toEqual([
      ['a', 100, 'taker', 0],
      ['l', 102, 'taker', 1],
      ['m', 100, 'maker', 0],
    ]);
  });
});
