import { FarLevels } from './far-levels.ts';

/**
 * Dense book windows handed back by released book sides, for the next sides on this thread. A
 * sweep builds two books per cell; at 2^16 ticks a window is half a megabyte outside the JS heap,
 * and allocating them afresh for every cell makes V8 run a full collection every few cells.
 */
export interface BookWindow {
  /** Size per tick slot; all zero while the window is spare. */
  readonly sizes: Float64Array;
  /** Occupancy bitmap, one bit per slot; all zero while spare. */
  readonly bits: Uint32Array;
  /**
   * The side's levels outside the window, empty while spare, kept with their grown capacity: a
   * fresh one per cell grew on the cell's first copy of the exchange book, a branch optimised code
   * had not seen, and the copy was deoptimised in nearly every cell (262 times in 256 cells).
   */
  readonly far: FarLevels;
}

/** Spare windows kept per thread: the four sides of a simulation's two books, twice. */
const MAX_SPARE = 8;
const spare: BookWindow[] = [];

/** A zeroed window of `ticks` slots (a multiple of 32), reused when one is spare. */
export function takeWindow(ticks: number): BookWindow {
  const w = spare.pop();
  if (w !== undefined && w.sizes.length === ticks) return w;
  return { sizes: new Float64Array(ticks), bits: new Uint32Array(ticks >> 5), far: new FarLevels() };
}

/** Gives back a window whose slots and bits are all zero again, and its far levels empty. */
export function giveWindow(w: BookWindow): void {
  if (spare.length < MAX_SPARE) spare.push(w);
}
