import { describe, expect, it } from 'vitest';
import { formatTime } from '../../../src/core/index.ts';
import { zonedMidnight } from '../../../src/data/importers/lobster/zoned-time.ts';

describe('zonedMidnight', () => {
  it('finds New York midnight with the daylight-saving offset of that date', () => {
    expect(formatTime(zonedMidnight('2012-06-21', 'America/New_York'))).toBe('2012-06-21T04:00:00.000000Z');
    expect(formatTime(zonedMidnight('2012-12-21', 'America/New_York'))).toBe('2012-12-21T05:00:00.000000Z');
    // DST starts at 02:00 on 2012-03-11: midnight is still EST.
    expect(formatTime(zonedMidnight('2012-03-11', 'America/New_York'))).toBe('2012-03-11T05:00:00.000000Z');
    expect(formatTime(zonedMidnight('2012-03-12', 'America/New_York'))).toBe('2012-03-12T04:00:00.000000Z');
    expect(formatTime(zonedMidnight('2024-08-08', 'UTC'))).toBe('2024-08-08T00:00:00.000000Z');
  });

  it('rejects unknown zones as a bad flag', () => {
    expect(() => zonedMidnight('2012-06-21', 'Mars/Olympus')).toThrow(/bad-flag/);
  });
});
