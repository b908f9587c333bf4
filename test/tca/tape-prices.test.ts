import { Decimal } from 'decimal.js';
import { describe, expect, it } from 'vitest';
import { Instrument } from '../../src/core/index.ts';
import { EventKind } from '../../src/data/index.ts';
import { MarketTape } from '../../src/tca/index.ts';
import { batchOf, type Row } from '../venue/harness.ts';

describe('MarketTape prices', () => {
  const inst = new Instrument({ venue: 't', symbol: 'T', tickSize: '0.1', lotSize: '0.001' });
  const tick = new Decimal('0.1');

  it('gives each quote its exact bid, ask and mid, on first lookups and after its memo of prices fills and clears', async () => {
    // More distinct price levels than the tape keeps made (2^16), from a zero bid upwards: every
    // quote at time i has bid i ticks and ask i + 1 + (i % 3) ticks.
    const quotes = 70_000;
    const rows: Row[] = [];
    for (let i = 0; i < quotes; i++) {
      rows.push(
        [i, i, EventKind.CLEAR, 0, 0, 0],
        [i, i, EventKind.DEPTH, 1, i / 10, 1],
        [i, i, EventKind.DEPTH, -1, (i + 1 + (i % 3)) / 10, 1],
      );
    }
    const tape = await MarketTape.fromBatches(inst, [batchOf(rows)]);
    expect(tape.quotes).toBe(quotes);
    // Quotes whose bid, ask or mid (from quoteAt or midAt) is not the Decimal formula's.
    const wrong: number[] = [];
    const check = (i: number) => {
      const q = tape.quoteAt(i);
      const bid = tick.mul(i);
      const ask = tick.mul(i + 1 + (i % 3));
      const mid = bid.add(ask).div(2);
      const ok = q?.bid.eq(bid) && q.ask.eq(ask) && q.mid.eq(mid) && tape.midAt(i)?.eq(mid);
      if (!ok) wrong.push(i);
    };
    // Twice over every quote: ~140,000 prices (whole ticks and half-tick mids), so the memo fills
    // and is cleared in each pass, which reads both prices it holds and prices made again.
    for (let pass = 0; pass < 2; pass++) for (let i = 0; i < quotes; i++) check(i);
    expect(wrong).toEqual([]);
  });
});
