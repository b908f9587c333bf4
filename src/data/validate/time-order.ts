import { formatTime, InputError, type InputLocation, type Micros } from '../../core/index.ts';

/** Checks that receive times never go back (rule `unsorted-time`). */
export class TimeOrder {
  private last = Number.NEGATIVE_INFINITY;

  constructor(private readonly what = 'local time') {}

  check(ts: Micros, where: InputLocation): void {
    if (!Number.isSafeInteger(ts)) {
      throw new InputError('bad-time', `${this.what} ${ts} is not an integer count of µs`, where);
    }
    if (ts < this.last) {
      throw new InputError(
        'unsorted-time',
        `${this.what} ${formatTime(ts)} is before the previous ${formatTime(this.last)}`,
        where,
      );
    }
    this.last = ts;
  }
}
