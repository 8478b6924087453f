// The ticket workflow's messages, shared by the workflow and its clients (API, CLI, tests).
// Each transition is both an Update (the API's yes/no with read-your-writes) and a Signal of the
// same name (for ops in the Temporal UI or CLI); both run the same code in the workflow.
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type { AddCcInput, AssignInput, MessageName, RemoveCcInput, ReplyInput, StatusChangeInput } from './commands.js';
import type { TicketState } from './model.js';

export interface MessageInputs {
  reply: ReplyInput;
  setPending: StatusChangeInput;
  putOnHold: StatusChangeInput;
  solve: StatusChangeInput;
  reopen: StatusChangeInput;
  assign: AssignInput;
  addCc: AddCcInput;
  removeCc: RemoveCcInput;
}

type Updates = { [N in MessageName]: ReturnType<typeof defineUpdate<TicketState, [MessageInputs[N]], N>> };
type Signals = { [N in MessageName]: ReturnType<typeof defineSignal<[MessageInputs[N]], N>> };

function both<N extends MessageName>(name: N) {
  return { update: defineUpdate<TicketState, [MessageInputs[N]], N>(name), signal: defineSignal<[MessageInputs[N]], N>(name) };
}

const reply = both('reply');
const setPending = both('setPending');
const putOnHold = both('putOnHold');
const solve = both('solve');
const reopen = both('reopen');
const assign = both('assign');
const addCc = both('addCc');
const removeCc = both('removeCc');

export const updates: Updates = {
  reply: reply.update,
  setPending: setPending.update,
  putOnHold: putOnHold.update,
  solve: solve.update,
  reopen: reopen.update,
  assign: assign.update,
  addCc: addCc.update,
  removeCc: removeCc.update,
};

export const signals: Signals = {
  reply: reply.signal,
  setPending: setPending.signal,
  putOnHold: putOnHold.signal,
  solve: solve.signal,
  reopen: reopen.signal,
  assign: assign.signal,
  addCc: addCc.signal,
  removeCc: removeCc.signal,
};

/** Waits until the projection holds everything the workflow has accepted, then returns the state. */
export const syncUpdate = defineUpdate<TicketState, []>('sync');

/** The ticket's current state, as the workflow holds it. */
export const stateQuery = defineQuery<TicketState>('state');

/** How far the projection is: what the `projection` query answers. */
export interface ProjectionStatus {
  /** The highest version the projection holds, every earlier one included. */
  projectedVersion: number;
  /** The workflow's version: the projection has caught up when both are equal. */
  version: number;
  /** Set when a write failed for a reason retrying cannot mend (see README, Operating). */
  fault: ProjectionFault | null;
}

export interface ProjectionFault {
  /** The error the write failed with (the Postgres message and code). */
  message: string;
  /** The version of the batch that could not be written. */
  version: number;
  at: number;
}

/** The ticket's projection: what Postgres holds of it, and why not more. */
export const projectionQuery = defineQuery<ProjectionStatus>('projection');

/**
 * Ops send this once the cause of a stuck projection is mended: the ticket writes again what it
 * could not, then takes changes again.
 */
export const retryProjectionSignal = defineSignal<[]>('retryProjection');

/** Failure type of a refused transition, so clients can tell it from other failures. */
export const REFUSED_FAILURE_TYPE = 'TransitionRefused';

/**
 * Failure type of a message that came while the ticket moves to a new run (continue-as-new):
 * nothing was recorded, and the same message sent again lands on the new run.
 */
export const MOVING_FAILURE_TYPE = 'TicketMovingToNewRun';

/** Failure type of a message to a ticket whose projection is stuck: nothing was recorded. */
export const STUCK_FAILURE_TYPE = 'ProjectionStuck';
