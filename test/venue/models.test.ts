import { describe, expect, it } from 'vitest';
import { Instrument } from '../../src/core/index.ts';
import {
  FeeModel,
  ImpactOverlay,
  log2Queue,
  parseQueueModel,
  power2,
  power3,
  RecordedLatency,
  resolveVenue,
} from '../../src/venue/index.ts';
import { ASK, DEPTH, fills, inverseBtcUsd, kinds, simulate, TRADE } from './harness.ts';

describe('latency models', () => {
  it('per request type, and a later message never overtakes an earlier one on the link', async () => {
    const { events } = await simulate(
      [[0, 0, DEPTH, 1, 100, 5]],
      [
        { at: 0, submit: { id: 'a', side: 1, size: 1, price: 100 } },
        { at: 10, cancel: 'a' },
      ],
      {
        latency: {
          submit: { entryUs: 100, responseUs: 7 },
          cancel: { entryUs: 5, responseUs: 3 },
          modify: { entryUs: 1, responseUs: 1 },
        },
      },
    );
    // The cancel would arrive at 15 but queues behind the submit (arrival 100).
    expect(events.map((e) => [e.event, e.tsExch, e.ts])).toEqual([
      ['accepted', 100, 107],
      ['canceled', 100, 107],
    ]);
  });

  it('recorded table: interpolated latencies, and a negative exchange time means rejected', async () => {
    const table: [number, number, number][] = [
      [0, 10, 30],
      [100, 120, 150],
      [200, -1, 260],
    ];
    const m = new RecordedLatency(table.map(([r, e, s]) => ({ requestUs: r, exchangeUs: e, responseUs: s })));
    expect(m.entry('submit', 50)).toBe(15);
    expect(m.response('submit', 50)).toBe(25);
    expect(m.entry('submit', 250)).toBe(-1);
    const { events } = await simulate(
      [[0, 0, DEPTH, ASK, 100, 5]],
      [
        { at: 50, submit: { id: 'a', side: 1, size: 1 } },
        { at: 200, submit: { id: 'b', side: 1, size: 1 } },
      ],
      { latency: { table } },
    );
    // The answer's latency is looked up at its exchange time: 20 + 0.65 × 10 = 26.5 → 27 µs.
    expect(events.map((e) => [e.id, e.event, e.tsExch, e.ts])).toEqual([
      ['a', 'accepted', 65, 92],
      ['a', 'fill', 65, 92],
      ['b', 'rejected', 200, 260],
    ]);
  });
});

describe('queue model families', () => {
  it('parse and give the documented shares', () => {
    // Risk-averse: Q = min(Q, new size) — 10 ahead of a level of 10 falling by 6 leaves 4.
    expect(parseQueueModel('risk-averse').onDecrease(10, 10, 6)).toBe(4);
    expect(parseQueueModel('risk-averse').onDecrease(3, 10, 6)).toBe(3);
    expect(parseQueueModel('power:2').onDecrease(10, 15, 3)).toBeCloseTo(7.6, 12);
    // power2: p = B^n/(B+F)^n = 25/225; power3: p = 1 − (F/(B+F))^n = 1 − 4/9.
    expect(power2(2).onDecrease(10, 15, 3)).toBeCloseTo(10 - (1 - 25 / 225) * 3, 12);
    expect(power3(2).onDecrease(10, 15, 3)).toBeCloseTo(10 - (4 / 9) * 3, 12);
    expect(log2Queue.onDecrease(10, 15, 3)).toBeCloseTo(10 - (1 - Math.log(6) / Math.log(16)) * 3, 12);
    expect(() => parseQueueModel('power:x')).toThrow(/bad-queue-model/);
  });
});

describe('fees', () => {
  const linear = new Instrument({ venue: 't', symbol: 'X', tickSize: '0.01', lotSize: '1' });

  it('bps of notional for maker and taker; per-share clamped to min and max', () => {
    const bps = new FeeModel(linear, { makerBps: -0.5, takerBps: 3 });
    expect(bps.fee('taker', 10_000, 100).toFixed()).toBe('3'); // 100 × 100.00 × 3 bps
    expect(bps.fee('maker', 10_000, 100).toFixed()).toBe('-0.5');
    const perShare = new FeeModel(linear, { perUnit: 0.005, perUnitMin: 1, perUnitMax: 5 });
    expect(perShare.fee('taker', 10_000, 100).toFixed()).toBe('1');
    expect(perShare.fee('taker', 10_000, 500).toFixed()).toBe('2.5');
    expect(perShare.fee('taker', 10_000, 5000).toFixed()).toBe('5');
  });

  it('per-unit charges count base units, not lots', () => {
    const tenths = new Instrument({ venue: 't', symbol: 'Y', tickSize: '0.01', lotSize: '0.1' });
    // 250 lots of 0.1 = 25 units × 0.02 = 0.5, above the 0.1 minimum.
    expect(new FeeModel(tenths, { perUnit: 0.02, perUnitMin: 0.1 }).fee('maker', 100, 250).toFixed()).toBe(
      '0.5',
    );
  });

  it('inverse contracts pay on the base-currency notional', () => {
    // 10 contracts × 100 USD at 50,000 = 0.02 BTC; 5 bps → 0.00001 BTC.
    expect(new FeeModel(inverseBtcUsd, { takerBps: 5 }).fee('taker', 100_000, 10).toFixed()).toBe('0.00001');
  });
});

describe('impact overlay', () => {
  it('permanent plus decaying temporary impact of our taking moves later fills, reported apart', async () => {
    const o = new ImpactOverlay({ permanent: 1, temporary: 2, decayUs: 100, unitLots: 1 });
    o.record(0, 1, 4);
    expect(o.current(100)).toBeCloseTo(2 + 4 * Math.exp(-1), 12);

    const { events } = await simulate(
      [
        [0, 0, DEPTH, ASK, 100, 4],
        [0, 0, DEPTH, ASK, 101, 10],
      ],
      [
        { at: 0, submit: { id: 'a', side: 1, size: 4 } },
        { at: 100, submit: { id: 'b', side: 1, size: 1 } },
      ],
      { impact: { permanent: 1, temporary: 2, decayUs: 100, unitLots: 1 } },
    );
    const f = events.filter((e) => e.event === 'fill');
    expect(f[0]).toMatchObject({ id: 'a', price: 100, impact: 0 });
    const shift = 2 + 4 * Math.exp(-1);
    expect(f[1].id).toBe('b');
    expect(f[1].price).toBeCloseTo(101 + shift, 12);
    expect(f[1].impact).toBeCloseTo(shift, 12);
  });

  it('is off by default: no impact field', async () => {
    const { events } = await simulate(
      [[0, 0, DEPTH, ASK, 100, 4]],
      [{ at: 0, submit: { id: 'a', side: 1, size: 1 } }],
    );
    expect(events.find((e) => e.event === 'fill')).not.toHaveProperty('impact');
  });
});

describe('config', () => {
  it('defaults: 10 µs each way, risk-averse, consumption on, no fees, no impact', () => {
    const s = resolveVenue();
    expect([
      s.latency.entry('submit', 0),
      s.latency.response('submit', 0),
      s.queue.name,
      s.consumeLiquidity,
    ]).toEqual([10, 10, 'risk-averse', true]);
    expect(s.impact).toBeUndefined();
  });

  it('unknown keys and wrong types are bad input', () => {
    expect(() => resolveVenue({ latncy: 1 } as never)).toThrow(/bad-config/);
    expect(() => resolveVenue({ consumeLiquidity: 'yes' } as never)).toThrow(/bad-config/);
  });
});

describe('lifecycle details', () => {
  it('a cancel that arrives after the fill is rejected; one that arrives first wins', async () => {
    const rows: [number, number | undefined, number, number, number, number][] = [
      [0, 0, DEPTH, 1, 99, 1],
      [100, 100, TRADE, -1, 100, 5],
    ];
    const late = await simulate(rows, [
      { at: 0, submit: { id: 'a', side: 1, size: 5, price: 100 } },
      { at: 90, cancel: 'a' },
    ]);
    expect(kinds(late.events)).toEqual(['accepted', 'fill', 'cancel_rejected']);
    const early = await simulate(rows, [
      { at: 0, submit: { id: 'a', side: 1, size: 5, price: 100 } },
      { at: 89, cancel: 'a' },
    ]);
    expect(kinds(early.events)).toEqual(['accepted', 'canceled']);
    expect(fills(early.events)).toEqual([]);
  });
});
