// Turns what Temporal says about a ticket message into errors the API can map to status codes.
import { isGrpcServiceError, ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { MOVING_FAILURE_TYPE, REFUSED_FAILURE_TYPE, STUCK_FAILURE_TYPE } from '../../workflows/ticket/messages.js';
import type { TicketStatus } from '../../workflows/ticket/model.js';

export type RefusalReason = 'transition' | 'forbidden' | 'invalid' | 'stale';

/** The lifecycle said no. Nothing was recorded. */
export class TicketRefusedError extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
    readonly status: TicketStatus | null,
  ) {
    super(message);
    this.name = 'TicketRefusedError';
  }
}

/** The ticket's workflow has ended (Closed) or never existed. */
export class TicketGoneError extends Error {
  constructor(readonly number: number) {
    super(`Ticket #${number} is Closed and accepts no change; open a follow-up ticket instead.`);
    this.name = 'TicketGoneError';
  }
}

/** The ticket's projection cannot be written until ops mend the cause (README, Operating). */
export class TicketStuckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TicketStuckError';
  }
}

/** A request id already used for something else: the second request is refused, not merged. */
export class RequestReusedError extends Error {
  constructor(what: string) {
    super(`This request id was already used for ${what}, with other content; send the new request with a new id.`);
    this.name = 'RequestReusedError';
  }
}

/** The ticket does not exist, or the caller may not see it: the same answer for both (NOT_FOUND). */
export class TicketNotFoundError extends Error {
  constructor(readonly number: number) {
    super(`There is no ticket #${number} that you can see.`);
    this.name = 'TicketNotFoundError';
  }
}

/** The caller may see the ticket but not send this (FORBIDDEN), decided before the workflow is asked. */
export class TicketForbiddenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TicketForbiddenError';
  }
}

/** A dependency did not answer in time. */
export class UnavailableError extends Error {
  constructor(readonly service: 'temporal' | 'database') {
    super(`${service} did not answer in time`);
    this.name = 'UnavailableError';
  }
}

/** What a refusal means, for a client to say in its reader's language (tRPC error data). */
export interface RefusalData {
  reason: RefusalReason;
  /** The ticket's status when it was refused, when that is why. */
  status: TicketStatus | null;
}

export function refusalOf(error: unknown): RefusalData | null {
  if (error instanceof TicketRefusedError) return { reason: error.reason, status: error.status };
  if (error instanceof TicketGoneError) return { reason: 'transition', status: 'closed' };
  return null;
}

function failureOf(error: unknown): ApplicationFailure | null {
  return error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure ? error.cause : null;
}

/**
 * The ticket could not take the message just now, and nothing was recorded: it was moving to a new
 * run, or the server refused it while the ticket's workflow task was being retried (gRPC
 * FAILED_PRECONDITION, e.g. "Workflow Task in failed state"). Sent again, it lands.
 */
export function isTicketBusy(error: unknown): boolean {
  if (failureOf(error)?.type === MOVING_FAILURE_TYPE) return true;
  const cause = error instanceof ServiceError ? error.cause : error;
  return isGrpcServiceError(cause) && cause.code === FAILED_PRECONDITION;
}

const FAILED_PRECONDITION = 9;

export function translateTicketError(error: unknown, number: number): unknown {
  const failure = failureOf(error);
  if (failure?.type === REFUSED_FAILURE_TYPE) {
    const details = (failure.details?.[0] ?? {}) as { reason?: RefusalReason; status?: TicketStatus };
    return new TicketRefusedError(failure.message, details.reason ?? 'transition', details.status ?? null);
  }
  if (failure?.type === STUCK_FAILURE_TYPE) return new TicketStuckError(failure.message);
  if (error instanceof WorkflowNotFoundError) return new TicketGoneError(number);
  return error;
}
