import { InputError, type InputLocation } from '../../../core/index.ts';
import {
  describeBridgeGap,
  describeGap,
  diffBridgesSnapshot,
  diffFollows,
  diffPrecedesSnapshot,
  type Findings,
  type SequenceRule,
} from '../../validate/index.ts';
import type { DiffMessage, SnapshotMessage } from './messages.ts';

/** A diff as received: its local time and where it was read. */
export interface ReceivedDiff {
  diff: DiffMessage;
  tsLocal: number;
  where: InputLocation;
  /** Received after a sequence gap, while waiting for a new snapshot (resync repair). */
  afterGap: boolean;
}

/** What the synchroniser asks its owner to emit, in this order. */
export interface SyncOutput {
  snapshot(s: SnapshotMessage, tsLocal: number, where: InputLocation): void;
  diff(d: ReceivedDiff, tsLocal: number): void;
  /** The book is unknown from here (a gap under the resync repair): clear it. */
  clear(tsExch: number, tsLocal: number, where: InputLocation): void;
}

/**
 * Binance's snapshot/diff synchronisation as a state machine. Diffs received before a snapshot
 * are buffered; when the snapshot arrives they are filtered by update id and the ones that apply
 * are released right after it, stamped with the snapshot's receive time (the earliest moment a
 * client could have used them). Then every diff must continue the previous one; a break is a
 * `sequence-gap` error, or — with the `resync` repair — a counted gap after which the book is
 * cleared and diffs are held until the next snapshot.
 */
export class DepthSync {
  private phase: 'await-snapshot' | 'bridge' | 'synced' = 'await-snapshot';
  private lastUpdateId = 0;
  private prevU = 0;
  private buffer: ReceivedDiff[] = [];
  private snapshots = 0;

  constructor(
    private readonly rule: SequenceRule,
    private readonly resync: boolean,
    private readonly findings: Findings,
    private readonly out: SyncOutput,
  ) {}

  onDiff(d: ReceivedDiff): void {
    this.route(d, d.tsLocal);
  }

  onSnapshot(s: SnapshotMessage, tsLocal: number, where: InputLocation): void {
    if (this.phase === 'synced') {
      // The diff stream is continuous and already ahead of or at this snapshot: nothing to learn.
      this.findings.count('snapshot-while-synced');
      return;
    }
    this.snapshots++;
    this.out.snapshot(s, tsLocal, where);
    this.phase = 'bridge';
    this.lastUpdateId = s.lastUpdateId;
    const held = this.buffer;
    this.buffer = [];
    for (const d of held) this.route(d, Math.max(d.tsLocal, tsLocal));
  }

  /** End of input: diffs still waiting for a snapshot are either an error or counted drops. */
  finish(): void {
    if (this.buffer.length === 0) return;
    const first = this.buffer[0];
    if (this.snapshots === 0) {
      throw new InputError(
        'no-snapshot',
        `${this.buffer.length} depth diffs but no REST snapshot to start the book from; give the capture's first file (the one with the snapshot) first`,
        first.where,
      );
    }
    this.findings.count('diff-dropped-awaiting-snapshot', this.buffer.length);
    this.buffer = [];
  }

  private route(d: ReceivedDiff, tsLocal: number): void {
    const rule = this.rule;
    if (this.phase === 'await-snapshot') {
      this.buffer.push(this.snapshots > 0 && !d.afterGap ? { ...d, afterGap: true } : d);
    } else if (this.phase === 'bridge') {
      if (diffPrecedesSnapshot(rule, d.diff, this.lastUpdateId)) {
        this.findings.count(d.afterGap ? 'diff-dropped-after-gap' : 'diff-before-snapshot');
      } else if (diffBridgesSnapshot(rule, d.diff, this.lastUpdateId)) {
        this.apply(d, tsLocal);
      } else {
        this.gap(d, tsLocal, describeBridgeGap(rule, d.diff, this.lastUpdateId));
      }
    } else if (diffFollows(rule, d.diff, this.prevU)) {
      this.apply(d, tsLocal);
    } else {
      this.gap(d, tsLocal, describeGap(rule, d.diff, this.prevU));
    }
  }

  private apply(d: ReceivedDiff, tsLocal: number): void {
    if (tsLocal !== d.tsLocal) this.findings.count('diff-released-at-snapshot');
    this.out.diff(d, tsLocal);
    this.prevU = d.diff.u;
    this.phase = 'synced';
  }

  private gap(d: ReceivedDiff, tsLocal: number, detail: string): void {
    if (!this.resync) throw new InputError('sequence-gap', `${detail} (repair: --repair resync)`, d.where);
    this.findings.count('sequence-gap');
    this.out.clear(d.diff.exch, tsLocal, d.where);
    this.phase = 'await-snapshot';
    this.buffer.push({ ...d, afterGap: true });
    // Bridging after a later snapshot starts from scratch.
    this.prevU = 0;
  }
}
