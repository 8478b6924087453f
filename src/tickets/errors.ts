// Turns what Temporal says about a ticket message into errors the API can map to status codes.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, WorkflowNotFoundError } from '@temporalio/common';
import { REFUSED_FAILURE_TYPE } from '../../workflows/ticket/messages.js';
import type { TicketStatus } from '../../workflows/ticket/model.js';

export type RefusalReason = 'transition' | 'forbidden' | 'invalid';

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

export function translateTicketError(error: unknown, number: number): unknown {
  if (error instanceof WorkflowUpdateFailedError && error.cause instanceof ApplicationFailure && error.cause.type === REFUSED_FAILURE_TYPE) {
    const details = (error.cause.details?.[0] ?? {}) as { reason?: RefusalReason; status?: TicketStatus };
    return new TicketRefusedError(error.cause.message, details.reason ?? 'transition', details.status ?? null);
  }
  if (error instanceof WorkflowNotFoundError) return new TicketGoneError(number);
  return error;
}
