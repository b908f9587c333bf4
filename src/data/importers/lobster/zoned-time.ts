import { InputError, parseDate, US_PER_MS } from '../../../core/index.ts';

/**
 * The UTC instant (µs) of local midnight starting `date` in an IANA time zone, from the tz
 * database that ships with Node (so daylight saving is right for any date, e.g. New York is
 * UTC−4 on 2012-06-21 and UTC−5 on 2012-12-21).
 */
export function zonedMidnight(date: string, timeZone: string): number {
  const guess = parseDate(date) / US_PER_MS;
  const first = offsetMs(guess, timeZone);
  let t = guess - first;
  const second = offsetMs(t, timeZone);
  if (second !== first) t = guess - second;
  return t * US_PER_MS;
}

/** Local wall time minus UTC at the instant `utcMs`, in ms. */
function offsetMs(utcMs: number, timeZone: string): number {
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  } catch {
    throw new InputError('bad-flag', `unknown time zone '${timeZone}'`);
  }
  const parts: Record<string, number> = {};
  for (const p of format.formatToParts(new Date(utcMs))) parts[p.type] = Number(p.value);
  const wall = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  return wall - utcMs;
}
