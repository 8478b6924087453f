// The ticket views of "My activities" and the Support Ops queue: a filtered, sorted page of the
// projection, and a count of the matching tickets that stops a little past that page.
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

/**
 * How many matching rows the count reads past the requested page. An exact count reads every
 * matching row, tens of milliseconds at 100,000 tickets, on every page; stopping this far past the
 * page keeps it bounded while still telling whether a next page exists and giving a figure
 * ("1,025+") that is worth showing.
 */
export const COUNT_BEYOND_PAGE = 1000;

export interface TicketPage {
  items: TicketView[];
  page: number;
  pageSize: number;
  /** How many tickets match: all of them when totalIsExact, otherwise at least this many. */
  total: number;
  totalIsExact: boolean;
  /** Whether a page after this one has tickets. */
  hasMore: boolean;
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
  const empty = { items: [], page: input.page, pageSize: input.pageSize, total: 0, totalIsExact: true, hasMore: false };
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

  const offset = (input.page - 1) * input.pageSize;
  const countCap = offset + input.pageSize + COUNT_BEYOND_PAGE;
  const [rows, [{ counted }]] = await Promise.all([
    db
      .select()
      .from(tickets)
      .where(where)
      .orderBy(...order, direction(tickets.number))
      .limit(input.pageSize)
      .offset(offset),
    db.select({ counted: count() }).from(db.select({ one: sql`1` }).from(tickets).where(where).limit(countCap).as('matching')),
  ]);
  return {
    items: rows.map(ticketView),
    page: input.page,
    pageSize: input.pageSize,
    total: counted,
    totalIsExact: counted < countCap,
    hasMore: counted > offset + input.pageSize,
  };
}
