// Full-text search over the tickets a person may see: Support Ops over everything (internal notes
// included), anyone else over the tickets their list views show them (theirs, those they are CC'd
// on, their organizations'), public text only. Postgres full-text search over ticket_search (the
// projection's words, src/db/search.ts), in English and French, accents ignored.
//
// A search gives at most SEARCH_LIMIT results. Relevance ranks the SEARCH_LIMIT most recently
// updated matching tickets (all of them when fewer match): ranking reads each ticket's words in
// full, so it is done for a bounded number of tickets, however many match.
//
// Finding those tickets takes one of two plans, chosen from the planner's estimate of how many
// tickets the words match (desk_search_estimate):
//   few matches   the matching tickets from the words' GIN index first, then their filters: its
//                 cost grows with the matches (a phrase's more so: the index knows words, not
//                 where they stand, so each ticket with all the words is read to check);
//   many matches  the tickets in the order asked (through the list's indexes, with their filters),
//                 each one's words read until enough match, at most SCAN_LIMIT tickets: the words
//                 were then rarer than estimated, and the few-matches plan finds them all (but a
//                 phrase of common words: the search answers from those tickets, complete false),
//                 so its cost has a bound too.
// Each is fast where the other is slow; Postgres left to itself mixes them up (it takes reading a
// ticket's words for a cheap filter), so the query's shape fixes the plan. bench/search.ts
// measures both.
import { and, arrayContains, asc, desc, eq, getTableColumns, gte, inArray, isNotNull, isNull, lt, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, organizationIdsOf, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { anyWordQuery, HIGHLIGHT_END, HIGHLIGHT_START, parseSearch, searchQuery } from '../db/search.js';
import { priorityRank, ticketComments, tickets, ticketSearch } from '../db/schema.js';
import { TICKET_PRIORITIES, TICKET_STATUSES, TICKET_TYPES } from '../../workflows/ticket/model.js';
import { id, requiredText, tagList } from './inputs.js';
import { markFilters, requireStaffFilters } from './ticket-list.js';
import { maySee } from '../tickets/access.js';
import { ticketView, type TicketView } from './ticket-views.js';

/** The most results one search gives; a search that matches more says so (totalIsExact false). */
export const SEARCH_LIMIT = 100;

/** The most tickets the "many matches" plan reads the words of (the head of this file). */
export const SCAN_LIMIT = 2_000;

/**
 * Which plan costs less (the head of this file). Reading one ticket's words (the many-matches
 * plan's step) costs some 25 times what taking one match from the GIN index does (bench/search.ts);
 * that plan reads the words of as many tickets as it takes to find enough, at most the tickets the
 * filters leave and SCAN_LIMIT. For a phrase, the few-matches plan reads the words of every
 * ticket with all the phrase's words too: it is taken up to PHRASE_FEW_LIMIT of them (some 100 ms),
 * the many-matches plan past that, which finds a phrase of common words at once.
 */
/** The most tickets with all of a phrase's words that the few-matches plan reads to find the phrase. */
const PHRASE_FEW_LIMIT = 20_000;

function fewMatchesExpected(estimate: { matches: number; tickets: number; filtered: number; phrase: boolean }): boolean {
  if (estimate.phrase) return estimate.matches <= PHRASE_FEW_LIMIT;
  const share = Math.max(estimate.matches, 1) / Math.max(estimate.tickets, 1);
  const reads = Math.min(estimate.filtered, SCAN_LIMIT, (SEARCH_LIMIT + 1) / share);
  return estimate.matches <= 25 * reads;
}

export const SEARCH_SORTS = ['relevance', 'updated', 'created', 'number', 'priority'] as const;
const MAX_PAGE_SIZE = 50;

/** The longest query, in characters. */
export const MAX_QUERY_LENGTH = 200;

const instant = z.iso.datetime({ offset: true, message: 'A date and time, e.g. 2026-12-01T00:00:00Z.' });

export const searchInput = z.object({
  /**
   * Words, in English or French, accents or not: `vélo freins`, `"screen frozen"` (a phrase),
   * `printer -wifi` (without), `payment or paiement`. `#123` or `123` also names ticket 123
   * (`jumpTo`).
   */
  q: requiredText(MAX_QUERY_LENGTH, 'Type what to search for.'),
  status: z.array(z.enum(TICKET_STATUSES)).max(TICKET_STATUSES.length).optional(),
  type: z.array(z.enum(TICKET_TYPES)).max(TICKET_TYPES.length).optional(),
  /** Support Ops only: any of these priorities. */
  priority: z.array(z.enum(TICKET_PRIORITIES)).max(TICKET_PRIORITIES.length).optional(),
  /** Support Ops only: tickets with every one of these tags. */
  tags: tagList.optional(),
  requesterId: id.optional(),
  organizationId: id.optional(),
  assigneeId: id.optional(),
  unassigned: z.boolean().optional(),
  /** Created at or after. */
  createdFrom: instant.optional(),
  /** Created before. */
  createdTo: instant.optional(),
  /** relevance: best match first (subject, then description, then the conversation), then the most recently updated. */
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  /** For the other sorts; relevance is always best first. */
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.number().int().min(1).max(SEARCH_LIMIT).default(1),
  pageSize: z.number().int().min(1).max(MAX_PAGE_SIZE).default(25),
});
export type SearchInput = z.infer<typeof searchInput>;

/** A piece of highlighted text: the words that matched have `match` true. */
export interface Fragment {
  text: string;
  match: boolean;
}

/** Where a result matched, for the list to show it: the subject, and the best passage of the rest. */
export interface SearchHit {
  /** The subject, its matching words marked. */
  subject: Fragment[];
  /** Null when only the subject matched (or the match is in an older part of a long conversation). */
  passage: {
    /** description; comment: a reply (internal: an internal note, Support Ops only); file: a file's name. */
    in: 'description' | 'comment' | 'file';
    /** The comment's seq (description: 1). */
    seq: number;
    internal: boolean;
    fragments: Fragment[];
  } | null;
}

export interface SearchResult {
  ticket: TicketView;
  /** Higher is better (relevance sort only; 0 otherwise). */
  rank: number;
  hit: SearchHit;
}

export interface SearchPage {
  /** `#123` or `123` names a ticket the caller may see: the client may go straight to it. */
  jumpTo: number | null;
  items: SearchResult[];
  page: number;
  pageSize: number;
  /** Matching tickets, at most SEARCH_LIMIT; totalIsExact false: more match than that. */
  total: number;
  totalIsExact: boolean;
  hasMore: boolean;
  /** The most results a search gives (narrow the words or the filters past it). */
  limit: number;
  /**
   * False when so few of many tickets matched that only the first SCAN_LIMIT of them (in the order
   * asked, the most recently updated for relevance) were looked at: narrow the filters to see more.
   */
  complete: boolean;
}

/** How far back, among a long conversation's newest comments, the passage is looked for. */
const PASSAGE_COMMENTS = 20;

/** The two plans (the head of this file); tests and the bench may name one instead of letting the estimate choose. */
export type SearchPlan = 'fewMatches' | 'manyMatches';

export async function searchTickets(db: Database, user: UserRow, input: SearchInput, options: { plan?: SearchPlan } = {}): Promise<SearchPage> {
  const staff = isStaff(user);
  requireStaffFilters(user, input);
  const window = SEARCH_LIMIT + 1;
  const terms = parseSearch(input.q);
  const query = searchQuery(terms);
  const [jumpTo, estimate, visible] = await Promise.all([
    ticketNamed(db, user, input.q),
    db.execute<{ nodes: number; phrase: boolean; matches: number; tickets: number }>(
      sql`select numnode(q) as nodes, strpos(q::text, '<') > 0 as phrase, e.matches, e.tickets from (select ${query} as q) as x, lateral desk_search_estimate(x.q, ${staff}) as e`,
    ),
    staff ? Promise.resolve(undefined) : visibleTo(db, user),
  ]);
  const empty: SearchPage = { jumpTo, items: [], page: input.page, pageSize: input.pageSize, total: 0, totalIsExact: true, hasMore: false, limit: SEARCH_LIMIT, complete: true };
  const [{ nodes, phrase, matches, tickets: population }] = estimate;
  // Only words every language ignores ("the", "le"…), or punctuation: nothing to look for.
  if (Number(nodes) === 0) return empty;

  const conditions = and(visible, ...filtersOf(input));
  const order = orderOf(input);
  const words = (vector: SQL) => sql`${vector} @@ ${query}`;
  const matching = staff ? sql`(${words(sql`${ticketSearch.public}`)} or ${words(sql`${ticketSearch.internal}`)})` : words(sql`${ticketSearch.public}`);
  // ts_match_vq is @@ written as a function: the same test, which no index can answer, so that
  // Postgres reads the words of each ticket it walks instead of going through the GIN index.
  const matchingRow = (alias: string) =>
    staff
      ? sql`(ts_match_vq(${sql.identifier(alias)}."public", ${query}) or ts_match_vq(${sql.identifier(alias)}."internal", ${query}))`
      : sql`ts_match_vq(${sql.identifier(alias)}."public", ${query})`;
  const columns = sql`${tickets.number}, ${tickets.updatedAt}, ${tickets.createdAt}, ${tickets.priority}`;
  const position = sql`row_number() over (order by ${sql.join(order, sql`, `)})`;

  const where = conditions ?? sql`true`;
  // How many tickets the filters (and what the caller may see) leave, as the planner guesses it.
  const filtered = conditions === undefined ? Number(population) : await plannedRows(db, sql`select 1 from ${tickets} where ${where}`);
  const expected = options.plan ?? (fewMatchesExpected({ matches: Number(matches), tickets: Number(population), filtered, phrase }) ? 'fewMatches' : 'manyMatches');
  const plans: Record<SearchPlan, SQL> = {
    fewMatches: sql`
      with matching as materialized (select ${ticketSearch.ticketNumber} from ${ticketSearch} where ${matching})
      select ${tickets.number} as number, ${position} as position
      from matching cross join lateral (select ${columns} from ${tickets} where ${tickets.number} = matching.ticket_number and ${where} offset 0) as ${tickets}
      order by ${sql.join(order, sql`, `)}
      limit ${window}`,
    manyMatches: sql`
      select ${tickets.number} as number, ${position} as position
      from (select ${columns} from ${tickets} where ${where} order by ${sql.join(order, sql`, `)} limit ${SCAN_LIMIT}) as ${tickets}
      cross join lateral (select 1 from ${ticketSearch} as words where words.ticket_number = ${tickets.number} and ${matchingRow('words')} limit 1) as hit
      order by ${sql.join(order, sql`, `)}
      limit ${window}`,
  };
  const rank = input.sort === 'relevance' ? sql`ts_rank(s."public", ${query})${staff ? sql` + ts_rank(s."internal", ${query})` : sql``}` : sql`0`;
  const run = (plan: SearchPlan) =>
    db.execute<{ number: number; position: number; rank: number }>(sql`
      with candidates as (${plans[plan]})
      select candidates.number, candidates.position, ${rank} as rank
      from candidates join ${ticketSearch} as s on s.ticket_number = candidates.number`);

  let found = await run(expected);
  let complete = true;
  // Fewer than asked from the many-matches plan: it may have stopped at SCAN_LIMIT tickets, the
  // words being rarer than the estimate said. Then they are few enough for the other plan, which
  // finds them all; unless they are a phrase of common words, whose every candidate it would read.
  if (expected === 'manyMatches' && found.length < window) {
    const [{ scanned }] = await db.execute<{ scanned: number }>(sql`select count(*)::int as scanned from (select 1 from ${tickets} where ${where} limit ${SCAN_LIMIT}) as scanned`);
    if (scanned >= SCAN_LIMIT) {
      if (!options.plan && !phrase) found = await run('fewMatches');
      else complete = false;
    }
  }
  const ranked = [...found]
    .map((row) => ({ number: Number(row.number), position: Number(row.position), rank: Number(row.rank) }))
    .sort((a, b) => b.rank - a.rank || a.position - b.position)
    .slice(0, SEARCH_LIMIT);
  const start = (input.page - 1) * input.pageSize;
  const page = ranked.slice(start, start + input.pageSize);
  const rows = page.length ? await pageRows(db, page.map((r) => r.number), anyWordQuery(terms), staff) : [];
  const byNumber = new Map(rows.map((row) => [row.number, row]));
  return {
    ...empty,
    items: page.flatMap(({ number, rank: score }) => {
      const row = byNumber.get(number);
      return row ? [{ ticket: ticketView(row, { staff }), rank: score, hit: hitOf(row) }] : [];
    }),
    total: ranked.length,
    totalIsExact: found.length <= SEARCH_LIMIT && complete,
    hasMore: ranked.length > start + input.pageSize,
    complete,
  };
}

/** The rows the planner expects a query to give, without running it. */
async function plannedRows(db: Database, query: SQL): Promise<number> {
  const [row] = await db.execute<{ 'QUERY PLAN': Array<{ Plan: { 'Plan Rows': number } }> }>(sql`explain (format json) ${query}`);
  return Number(row['QUERY PLAN'][0].Plan['Plan Rows']);
}

/** `#123` or `123`: the ticket, when the caller may see it (and nothing said when they may not). */
async function ticketNamed(db: Database, user: UserRow, q: string): Promise<number | null> {
  const named = /^#?\s*(\d{1,15})$/.exec(q.trim());
  if (!named) return null;
  const number = Number(named[1]);
  if (!Number.isSafeInteger(number) || number < 1) return null;
  return (await maySee(db, user, number)) ? number : null;
}

/** The tickets a person who is not Support Ops may see: the same as their list views together. */
async function visibleTo(db: Database, user: UserRow): Promise<SQL | undefined> {
  const organizationIds = await organizationIdsOf(db, user.id);
  return or(
    eq(tickets.requesterId, user.id),
    arrayContains(tickets.ccIds, [user.id]),
    organizationIds.length ? inArray(tickets.organizationId, organizationIds) : undefined,
  );
}

function filtersOf(input: SearchInput): SQL[] {
  const conditions: SQL[] = [];
  if (input.status?.length) conditions.push(inArray(tickets.status, input.status));
  if (input.type?.length) conditions.push(inArray(tickets.type, input.type));
  conditions.push(...markFilters(input));
  if (input.requesterId) conditions.push(eq(tickets.requesterId, input.requesterId));
  if (input.organizationId) conditions.push(eq(tickets.organizationId, input.organizationId));
  if (input.assigneeId) conditions.push(eq(tickets.assigneeId, input.assigneeId));
  if (input.unassigned === true) conditions.push(isNull(tickets.assigneeId));
  if (input.unassigned === false) conditions.push(isNotNull(tickets.assigneeId));
  if (input.createdFrom) conditions.push(gte(tickets.createdAt, new Date(input.createdFrom)));
  if (input.createdTo) conditions.push(lt(tickets.createdAt, new Date(input.createdTo)));
  return conditions;
}

/**
 * The order candidates are taken in. For relevance, the most recently updated first: the tickets
 * that are ranked when more match than a search gives.
 */
function orderOf(input: SearchInput): SQL[] {
  const direction = input.sort === 'relevance' || input.order === 'desc' ? desc : asc;
  switch (input.sort) {
    case 'created':
      return [direction(tickets.createdAt), direction(tickets.number)];
    case 'number':
      return [direction(tickets.number)];
    case 'priority':
      return [priorityRank(tickets.priority), direction(tickets.updatedAt), direction(tickets.number)];
    default:
      return [direction(tickets.updatedAt), direction(tickets.number)];
  }
}

/**
 * The page's tickets, with their subject marked and their best passage: the description if it
 * holds any of the words, else the newest comment that does. `query` is any of the words, as the
 * words of one search may be spread over a ticket's parts.
 */
async function pageRows(db: Database, numbers: number[], query: SQL, staff: boolean) {
  const marked = (text: SQL, whole: boolean) => sql<string | null>`desk_search_headline(${text}, ${query}, ${whole})`;
  // The newest comment with one of the words, among the newest few (a long conversation is not read whole).
  const comment = sql<CommentPassage | null>`(
    select json_build_object('seq', c.seq, 'internal', c.internal, 'body', marks.body, 'files', marks.files)
    from (
      select seq, internal, body, attachments from ${ticketComments}
      where ${ticketComments.ticketNumber} = ${tickets.number} and ${ticketComments.seq} > 1 ${staff ? sql`` : sql`and not ${ticketComments.internal}`}
      order by ${ticketComments.seq} desc limit ${PASSAGE_COMMENTS}
    ) as c
    cross join lateral (
      select ${marked(sql`c.body`, false)} as body,
        case when jsonb_array_length(c.attachments) > 0 then ${marked(sql`(select string_agg(file->>'name', ' · ') from jsonb_array_elements(c.attachments) as file)`, true)} end as files
    ) as marks
    where marks.body is not null or marks.files is not null
    limit 1)`;
  const page = db
    .select({
      ...getTableColumns(tickets),
      markedSubject: marked(sql`${tickets.subject}`, true).as('marked_subject'),
      markedDescription: marked(sql`${tickets.description}`, false).as('marked_description'),
    })
    .from(tickets)
    .where(inArray(tickets.number, numbers))
    .as('tickets');
  return db
    .select({
      ...getTableColumns(tickets),
      markedSubject: sql<string | null>`${page.markedSubject}`,
      markedDescription: sql<string | null>`${page.markedDescription}`,
      comment: sql<CommentPassage | null>`case when ${page.markedDescription} is null then ${comment} end`,
    })
    .from(page);
}

interface CommentPassage {
  seq: number;
  internal: boolean;
  /** Marked, or null: the words are in the names of its files. */
  body: string | null;
  files: string | null;
}

function hitOf(row: { subject: string; markedSubject: string | null; markedDescription: string | null; comment: CommentPassage | null }): SearchHit {
  const subject = fragmentsOf(row.markedSubject ?? row.subject);
  if (row.markedDescription !== null) return { subject, passage: { in: 'description', seq: 1, internal: false, fragments: fragmentsOf(row.markedDescription) } };
  const { comment } = row;
  if (!comment) return { subject, passage: null };
  const [where, text] = comment.body !== null ? (['comment', comment.body] as const) : (['file', comment.files ?? ''] as const);
  return { subject, passage: { in: where, seq: comment.seq, internal: comment.internal, fragments: fragmentsOf(text) } };
}

/** Marked text (HIGHLIGHT_START … HIGHLIGHT_END around each match) as pieces a client shows as it likes. */
export function fragmentsOf(marked: string): Fragment[] {
  const fragments: Fragment[] = [];
  let match = false;
  for (const piece of marked.split(new RegExp(`([${HIGHLIGHT_START}${HIGHLIGHT_END}])`, 'u'))) {
    if (piece === HIGHLIGHT_START) match = true;
    else if (piece === HIGHLIGHT_END) match = false;
    else if (piece) {
      const last = fragments.at(-1);
      if (last && last.match === match) last.text += piece;
      else fragments.push({ text: piece, match });
    }
  }
  return fragments;
}
