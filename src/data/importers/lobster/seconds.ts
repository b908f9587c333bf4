import { InputError, type InputLocation, US_PER_SECOND } from '../../../core/index.ts';

const SECONDS_RE = /^(\d+)(?:\.(\d*))?$/;

/** Seconds after midnight with up to 9 decimals → µs, digits past the µs dropped (floor). */
export function secondsToMicros(text: string, where: InputLocation): number {
  const m = SECONDS_RE.exec(text);
  if (!m) throw new InputError('bad-time', `time '${text}' is not seconds after midnight`, where);
  const frac = (m[2] ?? '').padEnd(6, '0').slice(0, 6);
  return Number(m[1]) * US_PER_SECOND + Number(frac);
}
