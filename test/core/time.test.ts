import { describe, expect, it } from 'vitest';
import { formatTime, parseDate, parseTime } from '../../src/core/index.ts';

describe('time', () => {
  it('parses µs integers and ISO-8601 with sub-millisecond digits', () => {
    expect(parseTime('1723161255030123')).toBe(1723161255030123);
    expect(parseTime('2024-08-08T23:54:15.030123Z')).toBe(1723161255030123);
    expect(parseTime('2024-08-08T23:54:15.03Z')).toBe(1723161255030000);
    expect(parseTime('2024-08-09T01:54:15.030123+02:00')).toBe(1723161255030123);
    expect(parseDate('2012-06-21')).toBe(1340236800000000);
  });

  it('formats µs back to ISO with microseconds', () => {
    expect(formatTime(1723161255030123)).toBe('2024-08-08T23:54:15.030123Z');
  });

  it('rejects what is not a time', () => {
    expect(() => parseTime('yesterday')).toThrow(/bad-time/);
    expect(() => parseDate('2012-6-21')).toThrow(/bad-date/);
  });

  it('rejects dates and times that do not exist rather than rolling them over', () => {
    expect(() => parseDate('2012-13-45')).toThrow(
      "bad-date: date '2012-13-45' is not a real calendar date and time",
    );
    expect(() => parseDate('2012-02-30')).toThrow(/bad-date/);
    expect(() => parseDate('0012-06-21')).toThrow(/bad-date/);
    expect(parseDate('2012-02-29')).toBe(1330473600000000);
    expect(() => parseDate('2013-02-29')).toThrow(/bad-date/);
    expect(() => parseTime('2024-08-08T24:00:00Z')).toThrow(
      "bad-time: time '2024-08-08T24:00:00Z' is not a real calendar date and time",
    );
    expect(() => parseTime('2024-08-08T23:60:00Z')).toThrow(/bad-time/);
    expect(() => parseTime('2024-08-08T23:59:60Z')).toThrow(/bad-time/);
    expect(() => parseTime('2024-08-08T23:54:15+25:00')).toThrow(/bad-time/);
    expect(parseTime('2024-08-08T23:59:59.999999-23:59')).toBe(1723247939999999);
  });
});
