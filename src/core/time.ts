import { InputError, type InputLocation } from './errors.ts';

/** Time in integer microseconds since the Unix epoch (UTC). Safe in a double until year 2255. */
export type Micros = number;

export const US_PER_MS = 1_000;
export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_DAY = 86_400 * US_PER_SECOND;

const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * Parses either an integer count of µs or an ISO-8601 date/time (UTC unless an offset is given)
 * to µs, keeping sub-millisecond digits that `Date.parse` would drop.
 */
export function parseTime(text: string, what = 'time', where: InputLocation = {}): Micros {
  const t = text.trim();
  if (/^-?\d+$/.test(t)) return Number(t);
  const m = ISO_RE.exec(t);
  if (!m) throw new InputError('bad-time', `${what} '${text}' is neither µs nor an ISO-8601 time`, where);
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offset = offsetMinutes(zone);
  if (!isCalendarTime(ms, [y, mo, d, h, mi, s]) || offset === undefined) {
    const rule = what === 'date' ? 'bad-date' : 'bad-time';
    throw new InputError(rule, `${what} '${text}' is not a real calendar date and time`, where);
  }
  const micros = Number(`${frac}000000`.slice(0, 6));
  return (ms - offset * 60_000) * US_PER_MS + micros;
}

/**
 * Whether Date.UTC kept the fields as given: it rolls over what is out of range (month 13, 30
 * February, 25 o'clock) and reads years below 100 as 19xx, which would stamp data on another day.
 */
function isCalendarTime(ms: number, fields: string[]): boolean {
  const t = new Date(ms); // deterministic: reads back a given instant
  const got = [
    t.getUTCFullYear(),
    t.getUTCMonth() + 1,
    t.getUTCDate(),
    t.getUTCHours(),
    t.getUTCMinutes(),
    t.getUTCSeconds(),
  ];
  return got.every((v, i) => v === Number(fields[i]));
}

/** Minutes east of UTC of an offset (none and Z are 0); undefined past ±23:59. */
function offsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined || zone === 'Z') return 0;
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2));
  if (hours > 23 || minutes > 59) return undefined;
  return (zone.startsWith('-') ? -1 : 1) * (hours * 60 + minutes);
}

/** Midnight UTC of a `YYYY-MM-DD` date, in µs. */
export function parseDate(text: string, where: InputLocation = {}): Micros {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    throw new InputError('bad-date', `date '${text}' is not YYYY-MM-DD`, where);
  }
  return parseTime(text, 'date', where);
}

/** ISO-8601 UTC with microseconds, e.g. `2024-08-08T23:54:15.030123Z`. */
export function formatTime(us: Micros): string {
  const ms = Math.floor(us / US_PER_MS);
  const rest = us - ms * US_PER_MS;
  const iso = new Date(ms).toISOString(); // deterministic: formats a given instant
  return `${iso.slice(0, 23)}${String(rest).padStart(3, '0')}Z`;
}
