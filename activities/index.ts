// The activities the ticket workflow calls, built around the dependencies they need.
// Workflows import this module's types only (enforced by lint).
import { ApplicationFailure, log } from '@temporalio/activity';
import type { Database } from '../src/db/client.js';
import type { TicketEffects } from '../workflows/ticket/effects.js';
import type { TicketState } from '../workflows/ticket/model.js';
import { recordProjectionFault, writeProjection, type WriteOptions } from './projection.js';

export interface ActivityDeps {
  db: Database;
}

/** The failure type of a write that Postgres refused for its data: retrying would fail the same way. */
export const DATA_ERROR_FAILURE_TYPE = 'ProjectionDataError';

export function createActivities(deps: ActivityDeps) {
  return {
    async projectTicket(state: TicketState, effects: TicketEffects, options: WriteOptions = {}): Promise<void> {
      try {
        await writeProjection(deps.db, state, effects, options);
      } catch (error) {
        const code = sqlState(error);
        if (code && isDataError(code)) {
          log.error('Postgres refused a projection write for its data: not retried', { ticketNumber: state.number, version: state.version, code, problem: messageOf(error) });
          throw ApplicationFailure.create({ type: DATA_ERROR_FAILURE_TYPE, message: `Postgres refused ticket #${state.number}'s data (${code}): ${messageOf(error)}`, nonRetryable: true });
        }
        // Anything else (Postgres away, a timeout) may pass: the workflow's retry policy retries.
        throw error;
      }
    },

    async reportProjectionFault(number: number, fault: { version: number; message: string; at: number }): Promise<void> {
      await recordProjectionFault(deps.db, number, fault);
    },
  };
}

export type TicketActivities = ReturnType<typeof createActivities>;

/**
 * SQLSTATE classes 22 (data exception: invalid text, out-of-range numbers) and 23 (integrity
 * constraint violation): the same data will be refused again, however often it is sent.
 */
function isDataError(code: string): boolean {
  return code.startsWith('22') || code.startsWith('23');
}

/** The SQLSTATE of a Postgres error, looking through drizzle's wrapping. */
function sqlState(error: unknown): string | null {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return null;
}

function messageOf(error: unknown): string {
  for (let current = error, depth = 0; current && depth < 4; current = (current as { cause?: unknown }).cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && current instanceof Error) return current.message;
  }
  return error instanceof Error ? error.message : String(error);
}
