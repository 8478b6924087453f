// The ticket's accepted changes on their way to the Postgres projection, in order. Changes are
// gathered into batches; one projection activity at a time writes the oldest batch, so the
// projection only ever holds a version together with every version before it, and a burst of
// messages costs a few activities instead of one each. Pure data: the workflow drives it.
import type { TicketEffects } from './effects.js';
import type { TicketState } from './model.js';

/** Consecutive changes written by one activity: the state after the last one, and all their effects. */
export interface ProjectionBatch {
  state: TicketState;
  effects: TicketEffects;
  /** The size of `effects` as JSON, to keep each activity's input (and history event) bounded. */
  size: number;
}

/**
 * Effects per activity, as JSON characters. A batch this size keeps the activity's input far
 * below Temporal's 2 MB payload limit, even with the state beside it (a description is at most
 * 32,000 characters).
 */
export const BATCH_LIMIT = 256 * 1024;

/**
 * How much unwritten change a continue-as-new may carry to the next run, as JSON characters of
 * effects. More is written first: the next run's input stays small however fast messages come.
 */
export const CARRY_LIMIT = 64 * 1024;

export class ProjectionQueue {
  private readonly batches: ProjectionBatch[];
  /** The batch an activity is writing now; never merged into. */
  private writing: ProjectionBatch | null = null;

  constructor(
    /** The highest version the projection holds, every earlier one included. */
    public projectedVersion: number,
    carried: ProjectionBatch[] = [],
  ) {
    this.batches = [...carried];
  }

  /** Queues one accepted change, into the newest waiting batch while it has room. */
  add(change: { state: TicketState; effects: TicketEffects }): void {
    const size = JSON.stringify(change.effects).length;
    const last = this.batches.at(-1);
    if (last && last.size + size <= BATCH_LIMIT) {
      this.batches[this.batches.length - 1] = {
        state: change.state,
        effects: {
          events: [...last.effects.events, ...change.effects.events],
          comments: [...last.effects.comments, ...change.effects.comments],
          notifications: [...last.effects.notifications, ...change.effects.notifications],
        },
        size: last.size + size,
      };
    } else {
      this.batches.push({ state: change.state, effects: change.effects, size });
    }
  }

  /** Whether a batch waits to be written. */
  get hasWaiting(): boolean {
    return this.batches.length > 0;
  }

  /** The size of the effects waiting to be written (not counting a batch being written). */
  get waitingSize(): number {
    return this.batches.reduce((total, batch) => total + batch.size, 0);
  }

  /** Whether an activity is writing a batch right now. */
  get isWriting(): boolean {
    return this.writing !== null;
  }

  /** The batch take() would give next. */
  oldestWaiting(): ProjectionBatch | undefined {
    return this.batches[0];
  }

  /** The oldest waiting batch, now being written. */
  take(): ProjectionBatch {
    if (this.writing) throw new Error('one projection batch at a time');
    const batch = this.batches.shift();
    if (!batch) throw new Error('no projection batch waits');
    this.writing = batch;
    return batch;
  }

  /** The batch being written is in the projection. */
  written(): void {
    if (!this.writing) throw new Error('no projection batch is being written');
    this.projectedVersion = this.writing.state.version;
    this.writing = null;
  }

  /** The batch being written was not: it is the oldest waiting one again. */
  notWritten(): void {
    if (!this.writing) throw new Error('no projection batch is being written');
    this.batches.unshift(this.writing);
    this.writing = null;
  }

  /** What is still to write, oldest first, for the next run of the workflow to carry on with. */
  unwritten(): ProjectionBatch[] {
    return [...(this.writing ? [this.writing] : []), ...this.batches];
  }
}
