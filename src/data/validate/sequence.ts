/**
 * Binance's update-id rules for joining a REST depth snapshot to the diff stream and for the
 * continuity of the stream (https://developers.binance.com, "How to manage a local order book").
 * - futures (USDⓈ-M, COIN-M): drop diffs with u < L; the first applied has U ≤ L ≤ u; every later
 *   diff has pu = the previous diff's u.
 * - spot: drop diffs with u ≤ L; the first applied has U ≤ L+1 ≤ u; every later diff has
 *   U = previous u + 1.
 */
export type SequenceRule = 'futures' | 'spot';

export interface DiffIds {
  /** First update id in the diff. */
  U: number;
  /** Final update id in the diff. */
  u: number;
  /** Final update id of the previous diff (futures only). */
  pu?: number;
}

/** The diff is entirely covered by the snapshot with lastUpdateId L (drop it). */
export function diffPrecedesSnapshot(rule: SequenceRule, d: DiffIds, L: number): boolean {
  return rule === 'futures' ? d.u < L : d.u <= L;
}

/** The diff is a valid first diff after the snapshot with lastUpdateId L. */
export function diffBridgesSnapshot(rule: SequenceRule, d: DiffIds, L: number): boolean {
  return rule === 'futures' ? d.U <= L && L <= d.u : d.U <= L + 1 && L + 1 <= d.u;
}

/** The diff directly continues a stream whose last applied diff ended at prevU. */
export function diffFollows(rule: SequenceRule, d: DiffIds, prevU: number): boolean {
  return rule === 'futures' ? d.pu === prevU : d.U === prevU + 1;
}

/** Human-readable statement of the broken continuity rule, for error messages. */
export function describeGap(rule: SequenceRule, d: DiffIds, prevU: number): string {
  return rule === 'futures'
    ? `diff U=${d.U} u=${d.u} pu=${d.pu} does not follow the previous diff (u=${prevU}); futures rule: pu == previous u`
    : `diff U=${d.U} u=${d.u} does not follow the previous diff (u=${prevU}); spot rule: U == previous u + 1`;
}

export function describeBridgeGap(rule: SequenceRule, d: DiffIds, L: number): string {
  return rule === 'futures'
    ? `first diff after the snapshot (lastUpdateId=${L}) has U=${d.U} u=${d.u}; futures rule: U <= ${L} <= u`
    : `first diff after the snapshot (lastUpdateId=${L}) has U=${d.U} u=${d.u}; spot rule: U <= ${L + 1} <= u`;
}
