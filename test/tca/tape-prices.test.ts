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
    const check = (i: number) => {
      const q = tape.quoteAt(i);
      const bid = tick.mul(i);
      const ask = tick.mul(i + 1 + (i % 3));
      expect(q?.bid.toFixed()).toBe(bid.toFixed());
      expect(q?.ask.toFixed()).toBe(ask.toFixed());
      expect(q?.mid.toFixed()).toBe(bid.add(ask).div(2).toFixed());
      expect(tape.midAt(i)?.toFixed()).toBe(q?.mid.toFixed());
    };
    // Twice over: the second pass reads prices the memo holds, then (past 2^16) made again.
    for (let pass = 0; pass < 2; pass++) for (let i = 0; i < quotes; i += 7) check(i);
  });
});
