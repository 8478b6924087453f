// Who may see and do what on a ticket, decided from the projection before anything is sent to the
// workflow (which checks again, with the same table: workflows/ticket/permissions.ts), by every
// door: the API, file downloads, answers by e-mail. A ticket the caller may not see is "not found".
import { eq, sql } from 'drizzle-orm';
import { isStaff, organizationIdsOf, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { onePerPool } from '../db/prepared.js';
import { tickets } from '../db/schema.js';
import { annotateTicket } from '../observability/logger.js';
import { TicketForbiddenError, TicketNotFoundError } from './errors.js';
import type { Actor } from '../../workflows/ticket/model.js';
import { refusalFor, type Attempt, type Standing } from '../../workflows/ticket/permissions.js';

export type TicketRow = typeof tickets.$inferSelect;
export type { Standing } from '../../workflows/ticket/permissions.js';

export function standingOn(user: UserRow, organizationIds: string[], row: TicketRow): Standing | null {
  if (isStaff(user)) return 'agent';
  if (row.requesterId === user.id) return 'requester';
  if (row.ccIds.includes(user.id)) return 'cc';
  if (row.organizationId && organizationIds.includes(row.organizationId)) return 'colleague';
  return null;
}

export const actorOf = (user: UserRow): Actor =>
  user.name
    ? { kind: isStaff(user) ? 'agent' : 'requester', id: user.id, name: user.name }
    : { kind: isStaff(user) ? 'agent' : 'requester', id: user.id };


/** Every request about a ticket reads it first (src/db/prepared.ts). */
const ticketByNumber = onePerPool((db) => db.select().from(tickets).where(eq(tickets.number, sql.placeholder('number'))).prepare('ticket_by_number'));

/** The ticket and the caller's standing; TicketNotFoundError whether it is missing or hidden. */
export async function visibleTicket(db: Database, user: UserRow, number: number): Promise<{ row: TicketRow; standing: Standing }> {
  // Every request about a ticket, read or change, carries its number in the log.
  annotateTicket(number);
  const [row] = await ticketByNumber(db).execute({ number });
  if (!row) throw new TicketNotFoundError(number);
  // The caller's organizations matter only when nothing closer (Support Ops, requester, CC) applies.
  const standing =
    standingOn(user, [], row) ?? (row.organizationId ? standingOn(user, await organizationIdsOf(db, user.id), row) : null);
  if (!standing) throw new TicketNotFoundError(number);
  return { row, standing };
}

/** Whether the person may see the ticket; any other failure (the database down) is thrown, not taken for "no". */
export async function maySee(db: Database, user: UserRow, number: number): Promise<boolean> {
  try {
    await visibleTicket(db, user, number);
    return true;
  } catch (error) {
    if (error instanceof TicketNotFoundError) return false;
    throw error;
  }
}

/** Refuses, in the lifecycle's words, what the caller's standing may not send. */
export function requirePermission(standing: Standing, command: Attempt, number: number): void {
  const refusal = refusalFor(standing, command, number);
  if (refusal) throw new TicketForbiddenError(refusal);
}
