// The ticket views of "My activities" and the Support Ops queue: a filtered, sorted page of the
// projection, and a count of the matching tickets that stops a little past that page.
import { TRPCError } from '@trpc/server';
import { and, arrayContains, asc, count, desc, eq, getTableColumns, inArray, isNotNull, isNull, Placeholder, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { onePerShape } from '../db/prepared.js';
import { criticalFirst, memberships, priorityRank, tickets } from '../db/schema.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES, type TicketPriority } from '../../workflows/ticket/model.js';
import { id, tagList } from './inputs.js';
import { ticketView, type TicketView } from './ticket-views.js';

export const TICKET_VIEWS = ['mine', 'ccd', 'organization', 'queue'] as const;
export const TICKET_SORTS = ['updated', 'created', 'criticalFirst', 'firstReplyDue', 'priority'] as const;

export const listInput = z.object({
  /** mine: submitted by me; ccd: I am CC'd; organization: my organizations'; queue: every ticket (Support Ops). */
  view: z.enum(TICKET_VIEWS).default('mine'),
  status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
  type: z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).optional(),
  assigneeId: id.optional(),
  unassigned: z.boolean().optional(),
  slaBreached: z.boolean().optional(),
  /** Support Ops only (requesters do not see priorities or tags): any of these priorities. */
  priority: z.array(z.enum(TICKET_PRIORITIES)).max(TICKET_PRIORITIES.length).optional(),
  /** Support Ops only: tickets with every one of these tags. */
  tags: tagList.optional(),
  /** criticalFirst: Critical / SEV tickets on top, then the most recently updated; priority: Urgent first, then High…, then the most recently updated. */
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

/** The tickets a view shows, for every view but the organization's (see inOrganizations). */
function viewCondition(view: Exclude<ListInput['view'], 'organization'>): SQL {
  switch (view) {
    case 'mine':
      return eq(tickets.requesterId, sql.placeholder('userId'));
    case 'ccd':
      return arrayContains(tickets.ccIds, sql.placeholder('userIds'));
    case 'queue':
      return sql`true`;
  }
}

/**
 * The organization view's tickets: each of the user's organizations read on its own, through its
 * index, at most `limit` tickets each in `order`. The memberships are joined here rather than looked
 * up by a query before the list (one round trip fewer), and laterally rather than as
 * `organization_id in (select …)`: that form leaves the planner guessing how many tickets the
 * organizations have, and for a small one it read the whole table in page order (60 ms at 100,000
 * tickets). The lateral subquery is named "tickets" so that the list's order reads the same outside
 * it. No membership, no tickets.
 */
function inOrganizations(db: Database, filters: SQL | undefined, perOrganization: { limit: Placeholder; order: SQL[] }) {
  const organizationTickets = db
    .select()
    .from(tickets)
    .where(and(eq(tickets.organizationId, memberships.organizationId), filters))
    .orderBy(...perOrganization.order)
    .limit(perOrganization.limit)
    .as('tickets');
  return db.select(getTableColumns(tickets)).from(memberships).crossJoinLateral(organizationTickets).where(eq(memberships.userId, sql.placeholder('userId'))).$dynamic();
}

/** Priority and tags are Support Ops' own marks: filtering or sorting by them would tell others of them. */
export function requireStaffFilters(user: UserRow, input: { priority?: unknown[]; tags?: unknown[]; sort?: string }): void {
  if (!isStaff(user) && (input.priority?.length || input.tags?.length || input.sort === 'priority')) {
    throw new TRPCError({ code: 'FORBIDDEN', message: 'Only Support Ops can filter or sort by priority or tags.' });
  }
}

/** The priority and tag filters, shared by the lists (as placeholders) and the search (as values). */
export function markFilters(input: { priority?: readonly (TicketPriority | Placeholder)[]; tags?: string[] | Placeholder }): SQL[] {
  const conditions: SQL[] = [];
  if (input.priority?.length) conditions.push(inArray(tickets.priority, input.priority));
  if (input.tags instanceof Placeholder || input.tags?.length) conditions.push(arrayContains(tickets.tags, input.tags));
  return conditions;
}

/** A placeholder for each value of a list filter, in order: `status0`, `status1`, … */
const slots = (name: string, values: readonly unknown[] | undefined) => values?.map((_, i) => sql.placeholder(`${name}${i}`));

/**
 * What a list's SQL depends on: the view, the sort, which filters are set and with how many values.
 * Everything else (who asks, the values, the page) is a parameter, so that each shape is built once.
 */
function shapeOf(input: ListInput): string {
  const { view, sort, order, status, type, priority, tags, assigneeId, unassigned, slaBreached } = input;
  // The tags are one placeholder (an array) whatever their number.
  return JSON.stringify([view, sort, order, status?.length ?? 0, type?.length ?? 0, priority?.length ?? 0, Boolean(tags?.length), Boolean(assigneeId), unassigned ?? null, slaBreached ?? null]);
}

/**
 * A list's two queries, its page and its bounded count, for one shape of input (src/db/prepared.ts),
 * with placeholders for every value (listParams). They read the same tickets: for the organization view, each
 * organization only as far as the page, or the count, needs.
 */
function buildList(db: Database, input: ListInput, kept: boolean) {
  const conditions: SQL[] = [...markFilters({ priority: slots('priority', input.priority), tags: input.tags?.length ? sql.placeholder('tags') : undefined })];
  if (input.status?.length) conditions.push(inArray(tickets.status, slots('status', input.status)!));
  if (input.type?.length) conditions.push(inArray(tickets.type, slots('type', input.type)!));
  if (input.assigneeId) conditions.push(eq(tickets.assigneeId, sql.placeholder('assigneeId')));
  if (input.unassigned === true) conditions.push(isNull(tickets.assigneeId));
  if (input.unassigned === false) conditions.push(isNotNull(tickets.assigneeId));
  if (input.slaBreached === true) conditions.push(isNotNull(tickets.slaBreachedAt));
  if (input.slaBreached === false) conditions.push(isNull(tickets.slaBreachedAt));
  const filters = and(...conditions);

  const direction = input.order === 'asc' ? asc : desc;
  const order: SQL[] = [
    ...(input.sort === 'created'
      ? [direction(tickets.createdAt)]
      : input.sort === 'firstReplyDue'
        ? [direction(tickets.firstReplyDueAt)]
        : input.sort === 'criticalFirst'
          ? [criticalFirst(tickets.type), direction(tickets.updatedAt)]
          : input.sort === 'priority'
            ? [priorityRank(tickets.priority), direction(tickets.updatedAt)]
            : [direction(tickets.updatedAt)]),
    direction(tickets.number),
  ];
  const matching = (perOrganization: { limit: Placeholder; order: SQL[] }) =>
    input.view === 'organization' ? inOrganizations(db, filters, perOrganization) : db.select().from(tickets).where(and(viewCondition(input.view), filters)).$dynamic();
  const page = matching({ limit: sql.placeholder('pageEnd'), order })
    .orderBy(...order)
    .limit(sql.placeholder('pageSize'))
    .offset(sql.placeholder('offset'));
  const counted = db.select({ counted: count() }).from(matching({ limit: sql.placeholder('countCap'), order: [] }).limit(sql.placeholder('countCap')).as('matching'));
  // A shape past the cache's bound runs unprepared (src/db/prepared.ts), with the same placeholders.
  return kept ? { page: page.prepare('list page'), count: counted.prepare('list count') } : { page, count: counted };
}

/** The values of a list's placeholders (buildList). */
function listParams(user: UserRow, input: ListInput, window: { offset: number; countCap: number }): Record<string, unknown> {
  const params: Record<string, unknown> = {
    userId: user.id,
    userIds: [user.id],
    assigneeId: input.assigneeId,
    tags: input.tags,
    offset: window.offset,
    pageSize: input.pageSize,
    pageEnd: window.offset + input.pageSize,
    countCap: window.countCap,
  };
  for (const [name, values] of Object.entries({ status: input.status, type: input.type, priority: input.priority })) values?.forEach((value, i) => (params[`${name}${i}`] = value));
  return params;
}

/** The shapes the console uses are few; the cache keeps at most MAX_SHAPES of them (src/db/prepared.ts). */
const listQueries = onePerShape(buildList, shapeOf);

export async function listTickets(db: Database, user: UserRow, input: ListInput): Promise<TicketPage> {
  requireStaffFilters(user, input);
  if (input.view === 'queue' && !isStaff(user)) throw new TRPCError({ code: 'FORBIDDEN', message: 'The queue is for Support Ops only.' });
  const offset = (input.page - 1) * input.pageSize;
  const countCap = offset + input.pageSize + COUNT_BEYOND_PAGE;
  const queries = listQueries(db, input);
  const params = listParams(user, input, { offset, countCap });
  const [rows, [{ counted }]] = await Promise.all([queries.page.execute(params), queries.count.execute(params)]);
  return {
    items: rows.map((row) => ticketView(row, { staff: isStaff(user) })),
    page: input.page,
    pageSize: input.pageSize,
    total: counted,
    totalIsExact: counted < countCap,
    hasMore: counted > offset + input.pageSize,
  };
}
