// The ticket views of "My activities" and the Support Ops queue, as one filtered, sorted,
// paginated query over the projection.
import { TRPCError } from '@trpc/server';
import { and, arrayContains, asc, count, desc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, organizationIdsOf, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { tickets } from '../db/schema.js';
import { TICKET_STATUSES, TICKET_TYPES } from '../../workflows/ticket/model.js';
import { id } from './inputs.js';
import { ticketView, type TicketView } from './ticket-views.js';

export const TICKET_VIEWS = ['mine', 'ccd', 'organization', 'queue'] as const;
export const TICKET_SORTS = ['updated', 'created', 'criticalFirst', 'firstReplyDue'] as const;

export const listInput = z.object({
  /** mine: submitted by me; ccd: I am CC'd; organization: my organizations'; queue: every ticket (Support Ops). */
  view: z.enum(TICKET_VIEWS).default('mine'),
  status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
  type: z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).optional(),
  assigneeId: id.optional(),
  unassigned: z.boolean().optional(),
  slaBreached: z.boolean().optional(),
  /** criticalFirst: Critical / SEV tickets on top, then the most recently updated. */
  sort: z.enum(TICKET_SORTS).default('updated'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(10_000).default(1),
  pageSize: z.number().int().min(1).max(100).default(25),
});
export type ListInput = z.infer<typeof listInput>;

export interface TicketPage {
  items: TicketView[];
  total: number;
  page: number;
  pageSize: number;
}

async function viewCondition(db: Database, user: UserRow, view: ListInput['view']): Promise<SQL | null> {
  switch (view) {
    case 'mine':
      return eq(tickets.requesterId, user.id);
    case 'ccd':
      return arrayContains(tickets.ccIds, [user.id]);
    case 'organization': {
      const organizationIds = await organizationIdsOf(db, user.id);
      return organizationIds.length > 0 ? inArray(tickets.organizationId, organizationIds) : null;
    }
    case 'queue':
      if (!isStaff(user)) throw new TRPCError({ code: 'FORBIDDEN', message: 'The queue is for Support Ops only.' });
      return sql`true`;
  }
}

export async function listTickets(db: Database, user: UserRow, input: ListInput): Promise<TicketPage> {
  const empty = { items: [], total: 0, page: input.page, pageSize: input.pageSize };
  const view = await viewCondition(db, user, input.view);
  if (!view) return empty;
  const conditions: SQL[] = [view];
  if (input.status?.length) conditions.push(inArray(tickets.status, input.status));
  if (input.type?.length) conditions.push(inArray(tickets.type, input.type));
  if (input.assigneeId) conditions.push(eq(tickets.assigneeId, input.assigneeId));
  if (input.unassigned === true) conditions.push(isNull(tickets.assigneeId));
  if (input.unassigned === false) conditions.push(isNotNull(tickets.assigneeId));
  if (input.slaBreached === true) conditions.push(isNotNull(tickets.slaBreachedAt));
  if (input.slaBreached === false) conditions.push(isNull(tickets.slaBreachedAt));
  const where = and(...conditions);

  const direction = input.order === 'asc' ? asc : desc;
  const order: SQL[] =
    input.sort === 'created'
      ? [direction(tickets.createdAt)]
      : input.sort === 'firstReplyDue'
        ? [direction(tickets.firstReplyDueAt)]
        : input.sort === 'criticalFirst'
          ? [sql`case when ${tickets.type} = 'critical' then 0 else 1 end`, direction(tickets.updatedAt)]
          : [direction(tickets.updatedAt)];

  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(...order, direction(tickets.number))
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db.select({ total: count() }).from(tickets).where(where),
  ]);
  return { items: rows.map(ticketView), total, page: input.page, pageSize: input.pageSize };
}
