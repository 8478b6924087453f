// Who may see and do what on a ticket, decided by the API from the projection before anything is
// sent to the workflow (which checks again, with the same table: workflows/ticket/permissions.ts).
// A ticket the caller may not see is "not found".
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { isStaff, organizationIdsOf, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { tickets } from '../db/schema.js';
import { annotateTicket } from '../observability/logger.js';
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

const notFound = (number: number) => new TRPCError({ code: 'NOT_FOUND', message: `There is no ticket #${number} that you can see.` });

/** The ticket and the caller's standing, or NOT_FOUND whether it is missing or hidden. */
export async function visibleTicket(db: Database, user: UserRow, number: number): Promise<{ row: TicketRow; standing: Standing }> {
  // Every request about a ticket, read or change, carries its number in the log.
  annotateTicket(number);
  const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
  if (!row) throw notFound(number);
  // The caller's organizations matter only when nothing closer (Support Ops, requester, CC) applies.
  const standing =
    standingOn(user, [], row) ?? (row.organizationId ? standingOn(user, await organizationIdsOf(db, user.id), row) : null);
  if (!standing) throw notFound(number);
  return { row, standing };
}

/** Refuses with FORBIDDEN, in the lifecycle's words, what the caller's standing may not send. */
export function requirePermission(standing: Standing, command: Attempt, number: number): void {
  const refusal = refusalFor(standing, command, number);
  if (refusal) throw new TRPCError({ code: 'FORBIDDEN', message: refusal });
}
