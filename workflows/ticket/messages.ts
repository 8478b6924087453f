// The ticket workflow's messages, shared by the workflow and its clients (API, CLI, tests).
// Each transition is both an Update (the API's yes/no with read-your-writes) and a Signal of the
// same name (for ops in the Temporal UI or CLI); both run the same code in the workflow.
import type { SignalDefinition, UpdateDefinition } from '@temporalio/common';
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import { MESSAGE_NAMES, type MessageInputs, type MessageName } from './commands.js';
import type { TicketState } from './model.js';

export type { MessageInputs } from './commands.js';

type Updates = { [N in MessageName]: UpdateDefinition<TicketState, [MessageInputs[N]], N> };
type Signals = { [N in MessageName]: SignalDefinition<[MessageInputs[N]], N> };

/** Each message as an Update: the API's path, answered with the new state or the refusal. */
export const updates = Object.fromEntries(MESSAGE_NAMES.map((name) => [name, defineUpdate(name)])) as Updates;

/** Each message as a Signal of the same name: the ops path from the Temporal UI or CLI. */
export const signals = Object.fromEntries(MESSAGE_NAMES.map((name) => [name, defineSignal(name)])) as Signals;

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
