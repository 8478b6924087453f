// Maps what the domain throws to tRPC codes a client can act on. Anything unexpected becomes
// INTERNAL_SERVER_ERROR with a neutral message (the cause is logged, not sent).
import { isGrpcServiceError, ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { TRPCError } from '@trpc/server';
import { BadCredentialsError, InvalidFieldError, InvalidLinkError, RateLimitedError } from '../accounts/errors.js';
import { PolicyChangedError } from '../policies/errors.js';
import { RequestReusedError, TicketForbiddenError, TicketGoneError, TicketNotFoundError, TicketRefusedError, TicketStuckError, UnavailableError } from '../tickets/errors.js';

const TEMPORAL_DOWN = 'The ticket service is not reachable right now; try again in a moment.';
const DATABASE_DOWN = 'The database is not reachable right now; try again in a moment.';

// postgres.js and Node socket errors that mean "Postgres is not there", not "the query is wrong".
const DATABASE_DOWN_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
]);

export function toTRPCError(error: unknown): TRPCError {
  if (error instanceof TRPCError) {
    // tRPC wraps what a procedure throws; look at the original.
    return error.code === 'INTERNAL_SERVER_ERROR' && error.cause && !(error.cause instanceof TRPCError) ? toTRPCError(error.cause) : error;
  }
  if (error instanceof TicketRefusedError) {
    const code = error.reason === 'transition' || error.reason === 'stale' ? 'CONFLICT' : error.reason === 'forbidden' ? 'FORBIDDEN' : 'BAD_REQUEST';
    return new TRPCError({ code, message: error.message, cause: error });
  }
  if (error instanceof TicketNotFoundError) return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  if (error instanceof TicketForbiddenError) return new TRPCError({ code: 'FORBIDDEN', message: error.message, cause: error });
  if (error instanceof TicketGoneError || error instanceof RequestReusedError || error instanceof PolicyChangedError) return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  if (error instanceof TicketStuckError) return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.message, cause: error });
  if (error instanceof RateLimitedError) return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  if (error instanceof BadCredentialsError) return new TRPCError({ code: 'UNAUTHORIZED', message: error.message, cause: error });
  if (error instanceof InvalidLinkError || error instanceof InvalidFieldError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  if (error instanceof UnavailableError) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: error.service === 'temporal' ? TEMPORAL_DOWN : DATABASE_DOWN, cause: error });
  }
  const unavailable = unavailableService(error);
  if (unavailable) {
    return new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: unavailable === 'temporal' ? TEMPORAL_DOWN : DATABASE_DOWN, cause: error });
  }
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong on our side.', cause: error });
}

/** Which dependency is away, judging by the error or anything in its chain of causes. */
function unavailableService(error: unknown): 'temporal' | 'database' | null {
  for (let current = error, depth = 0; current && depth < 6; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof ServiceError || current instanceof WorkflowUpdateRPCTimeoutOrCancelledError || isGrpcServiceError(current)) return 'temporal';
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && DATABASE_DOWN_CODES.has(code)) return 'database';
  }
  return null;
}

/** A unique constraint said no (drizzle wraps the driver's error, so look through the causes). */
export function isUniqueViolation(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    if ((current as { code?: unknown }).code === '23505') return true;
  }
  return false;
}
