// What a ticket workflow run starts with. `revision` says which commands the run issues, so that
// a run keeps replaying the way its history was written whatever code replays it:
//   1 (absent): the first workflow task upserts the search attributes, although the start
//               request (or the previous run, for a continue-as-new) has already set them;
//   2:          search attributes are only upserted once they differ from the run's start ones,
//               which saves every new ticket an event and a visibility write;
//   3:          accepted changes queue in order and one projection activity at a time writes
//               them (projection-queue.ts); a continue-as-new carries what is not written yet;
//               a timer whose ticket is already due to close does not fire before the close;
//               update ids are recognised across runs, so none is applied twice;
//   4:          the search attributes TicketPriority and TicketTags are published (priority and
//               tags are in the state; a run of 3 carries a state without them, which the next
//               run's upgradeState completes, and publishes neither);
//   5:          the ticket's pinned SLA (NewTicket.sla: the SLA policy version with its type's
//               targets at every priority, the calendar versions they count on, the lifecycle
//               durations' version) is counted: a warning and a breach per target, each a timer
//               (deadlines.ts). A run of 4 or before ignores a pinned SLA in its input, and its
//               state (carried into later runs) has none: it counts its first-reply duration in
//               calendar time, as it did.
//   6:          the satisfaction survey (TicketPolicy.satisfaction): the policy's delay after
//               Solved, a timer asks the requester (askSatisfaction), who answers once with the
//               `rate` message. A run of 5 or before ignores the satisfaction policy in its input,
//               and its state (carried into later runs) has none: it never asks.
// Runs of revisions 1 and 2 run workflow-revision2.ts. A run's revision is fixed by its input; a
// continue-as-new starts the next run at the newest.
// Carried in the input rather than by `patched()`, which would add a marker and a
// TemporalChangeVersion upsert to every new ticket's history.
import type { NewTicket, TicketState } from './model.js';
import type { ProjectionBatch } from './projection-queue.js';

export const CURRENT_REVISION = 6;

/** The first revision that counts a pinned SLA. */
export const PINNED_SLA_REVISION = 5;

/** The first revision that asks the requester how it went after Solved. */
export const SATISFACTION_REVISION = 6;

export type TicketWorkflowInput = (
  | { kind: 'new'; ticket: NewTicket }
  | {
      kind: 'continued';
      state: TicketState;
      /** The version the projection held, every earlier one included (absent: state.version). */
      projectedVersion?: number;
      /** Changes the previous run accepted but did not write, oldest first. */
      unwritten?: ProjectionBatch[];
      /** Update ids already applied, with the version each made (applied-updates.ts). */
      appliedUpdates?: Array<[id: string, version: number]>;
    }
) & {
  revision?: number;
};

export function newTicketInput(ticket: NewTicket): TicketWorkflowInput {
  return { kind: 'new', ticket, revision: CURRENT_REVISION };
}

/**
 * The ticket a run of `revision` starts: before PINNED_SLA_REVISION, without its pinned SLA;
 * before SATISFACTION_REVISION, without its satisfaction policy.
 */
export function ticketOfRevision(ticket: NewTicket, revision: number): NewTicket {
  let result = ticket;
  if (revision < PINNED_SLA_REVISION && result.sla !== undefined) {
    const { sla: _ignored, ...rest } = result;
    result = rest;
  }
  if (revision < SATISFACTION_REVISION && result.policy.satisfaction !== undefined) {
    const { satisfaction: _ignored, ...policy } = result.policy;
    result = { ...result, policy };
  }
  return result;
}

export function continuedInput(
  state: TicketState,
  carried?: { projectedVersion: number; unwritten: ProjectionBatch[]; appliedUpdates: Array<[id: string, version: number]> },
): TicketWorkflowInput {
  return { kind: 'continued', state, ...carried, revision: CURRENT_REVISION };
}
