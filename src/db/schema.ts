// The Postgres schema, in one place. `npm run db:generate` turns changes into SQL migrations
// under src/db/migrations, which `npm run migrate` applies.
import { sql, type SQL } from 'drizzle-orm';
import { bigint, boolean, customType, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { BusinessCalendar } from '../../workflows/calendar/model.js';
import type { SlaTargets } from '../../workflows/sla/policy.js';
import type { NotificationKind, TicketEventKind, WorkEventKind } from '../../workflows/ticket/effects.js';
import type { Actor, AttachmentRef, Person, SettableStatus, TicketPolicy, TicketPriority, TicketStatus, TicketType } from '../../workflows/ticket/model.js';

const tz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * Ticket numbers. A row is claimed before the ticket's workflow starts, keyed by the client's
 * request id, so that the same request twice gets the same number (and so the same workflow).
 */
export const ticketRequests = pgTable(
  'ticket_requests',
  {
    requesterId: text('requester_id').notNull(),
    requestId: text('request_id').notNull(),
    number: bigint('number', { mode: 'number' }).generatedAlwaysAsIdentity().notNull().unique(),
    /** A digest of what was asked, so that the same request id with other content is refused. */
    fingerprint: text('fingerprint'),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.requesterId, t.requestId] })],
);

/**
 * Request ids of ticket messages (replies, status changes…), with a digest of what each asked:
 * the same id again with the same content is the same message (Temporal's update id dedupes it);
 * with other content it is refused.
 */
export const messageRequests = pgTable(
  'message_requests',
  {
    userId: text('user_id').notNull(),
    requestId: text('request_id').notNull(),
    fingerprint: text('fingerprint').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.requestId] }), index('message_requests_created_idx').on(t.createdAt)],
);

/**
 * The "Critical / SEV first" sort key of the Support Ops queue. The list sorts by it and two
 * indexes are built on it: the planner uses them only while both say exactly the same.
 */
export function criticalFirst(type: AnyPgColumn): SQL {
  return sql`case when ${type} = 'critical' then 0 else 1 end`;
}

/**
 * The queue's "most urgent first" sort key: like criticalFirst, the list sorts by it and an index
 * is built on it, so both must say exactly the same.
 */
export function priorityRank(priority: AnyPgColumn): SQL {
  return sql`case ${priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;
}

/** One row per ticket, written only by the ticket's workflow, only ever moving to a higher version. */
export const tickets = pgTable(
  'tickets',
  {
    number: bigint('number', { mode: 'number' }).primaryKey(),
    version: integer('version').notNull(),
    type: text('type').$type<TicketType>().notNull(),
    subject: text('subject').notNull(),
    description: text('description').notNull(),
    status: text('status').$type<TicketStatus>().notNull(),
    requesterId: text('requester_id').notNull(),
    requesterEmail: text('requester_email').notNull(),
    requesterName: text('requester_name'),
    organizationId: text('organization_id'),
    assigneeId: text('assignee_id'),
    assigneeEmail: text('assignee_email'),
    assigneeName: text('assignee_name'),
    priority: text('priority').$type<TicketPriority>().notNull().default('normal'),
    tags: text('tags').array().notNull().default(sql`'{}'::text[]`),
    ccs: jsonb('ccs').$type<Person[]>().notNull(),
    ccIds: text('cc_ids').array().notNull(),
    followUpOf: bigint('follow_up_of', { mode: 'number' }),
    commentCount: integer('comment_count').notNull(),
    /** The comments requesters may see (internal notes left out), counted from the rows themselves. */
    publicCommentCount: integer('public_comment_count').notNull().default(0),
    policy: jsonb('policy').$type<TicketPolicy>().notNull(),
    createdAt: tz('created_at').notNull(),
    updatedAt: tz('updated_at').notNull(),
    statusChangedAt: tz('status_changed_at').notNull(),
    pendingReminderSentAt: tz('pending_reminder_sent_at'),
    /** When the ticket closes by itself if nothing happens (Pending or Solved). */
    autoCloseAt: tz('auto_close_at'),
    firstReplyDueAt: tz('first_reply_due_at').notNull(),
    firstRepliedAt: tz('first_replied_at'),
    /** The pinned next-reply target's deadline while a requester message waits for an answer (workflows/ticket/sla-clocks.ts). */
    nextReplyDueAt: tz('next_reply_due_at'),
    /** The pinned resolution target's deadline while its clock runs (not while Pending, Solved or Closed). */
    resolutionDueAt: tz('resolution_due_at'),
    /** The SLA policy version the ticket pinned (revision 5 and later); null for a ticket that pinned none. Reports count its next-reply and resolution targets. */
    slaVersion: integer('sla_version'),
    slaBreachedAt: tz('sla_breached_at'),
    solvedAt: tz('solved_at'),
    closedAt: tz('closed_at'),
  },
  // The list views page in (sort key, number) order (src/api/ticket-list.ts): each index ends with
  // number so that a page is read straight off the index, without sorting every matching row
  // (NULLS FIRST: what ORDER BY ... DESC means in Postgres; otherwise the planner cannot use them).
  (t) => [
    index('tickets_requester_idx').on(t.requesterId, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_organization_idx').on(t.organizationId, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    // The counts of a view with a status filter, read from the index alone: without them the count
    // visits each of the view's rows for its status, or, for a requester, ANDs in every ticket of
    // that status (22 ms at a million tickets).
    index('tickets_organization_status_idx').on(t.organizationId, t.status),
    index('tickets_requester_status_idx').on(t.requesterId, t.status),
    index('tickets_assignee_status_idx').on(t.assigneeId, t.status),
    index('tickets_status_idx').on(t.status, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_assignee_idx').on(t.assigneeId, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_updated_idx').on(t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    // The Support Ops queue's "Critical / SEV first" order, with and without a status filter.
    index('tickets_critical_first_idx').on(sql`(${criticalFirst(t.type)})`, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_status_critical_first_idx').on(t.status, sql`(${criticalFirst(t.type)})`, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_sla_breached_idx').on(t.slaBreachedAt).where(sql`${t.slaBreachedAt} is not null`),
    index('tickets_cc_ids_idx').using('gin', t.ccIds),
    // The queue's "most urgent first", and its tag filter.
    index('tickets_priority_first_idx').on(sql`(${priorityRank(t.priority)})`, t.updatedAt.desc().nullsFirst(), t.number.desc().nullsFirst()),
    index('tickets_tags_idx').using('gin', t.tags),
    // A ticket's page lists its follow-ups.
    // Reports: tickets created in a range; what each agent holds open.
    index('tickets_created_idx').on(t.createdAt),
    index('tickets_open_assignee_idx').on(t.assigneeId).where(sql`${t.status} not in ('solved', 'closed') and ${t.assigneeId} is not null`),
    index('tickets_follow_up_idx').on(t.followUpOf).where(sql`${t.followUpOf} is not null`),
  ],
);

/**
 * The tags in use and on how many tickets each is, for suggestions. Kept by the projection from the
 * tags_changed events it inserts (a retried write inserts none, so counts nothing twice).
 */
export const tags = pgTable(
  'tags',
  {
    name: text('name').primaryKey(),
    tickets: integer('tickets').notNull().default(0),
    lastUsedAt: tz('last_used_at').notNull().defaultNow(),
  },
  (t) => [index('tags_popular_idx').on(t.tickets.desc(), t.name)],
);

const tsvector = customType<{ data: string; driverData: string }>({ dataType: () => 'tsvector' });

/**
 * The search document of each ticket, one row per ticket, written by the projection in the same
 * transaction as the ticket's row (activities/projection.ts). `public` holds what a requester may
 * find: the subject (weight A), the description (B), public replies and the names of their files;
 * `internal` the internal notes and their files, for Support Ops only. Both hold every word twice,
 * stemmed in English and in French, accents removed (src/db/search.ts). A table of its own so that
 * reading a ticket never reads its words, and so that a search reads a narrow table; the migration
 * keeps the vectors out of line (TOAST) for the same reason.
 */
export const ticketSearch = pgTable(
  'ticket_search',
  {
    ticketNumber: bigint('ticket_number', { mode: 'number' }).primaryKey(),
    public: tsvector('public').notNull(),
    internal: tsvector('internal').notNull(),
  },
  (t) => [index('ticket_search_public_idx').using('gin', t.public), index('ticket_search_internal_idx').using('gin', t.internal)],
);

/**
 * Tickets whose projection write failed in a way retrying cannot mend: the workflow holds the
 * change and waits for ops (README, Operating). A row goes once the write succeeds.
 */
export const projectionFaults = pgTable('projection_faults', {
  ticketNumber: bigint('ticket_number', { mode: 'number' }).primaryKey(),
  version: integer('version').notNull(),
  message: text('message').notNull(),
  at: tz('at').notNull(),
});

/** The conversation. Keyed by the seq of the event that added the comment. */
export const ticketComments = pgTable(
  'ticket_comments',
  {
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    seq: integer('seq').notNull(),
    authorId: text('author_id').notNull(),
    authorKind: text('author_kind').$type<Actor['kind']>().notNull(),
    authorName: text('author_name'),
    body: text('body').notNull(),
    internal: boolean('internal').notNull(),
    /** The files that came with it, as the message named them (the bytes: attachments). */
    attachments: jsonb('attachments').$type<AttachmentRef[]>().notNull().default([]),
    createdAt: tz('created_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketNumber, t.seq] })],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * Files people attach to a request, a reply or a note. The bytes live in attachment_chunks, a
 * row per piece, so that neither an upload nor a download holds a whole file in memory; only the
 * id, name, type and size travel with the message into the ticket's workflow. An upload is
 * attached to a message when the ticket's projection writes that message; one not attached
 * within a day is removed (src/attachments/housekeeping.ts).
 */
export const attachments = pgTable(
  'attachments',
  {
    id: text('id').primaryKey(),
    uploaderId: text('uploader_id').notNull(),
    /** Cleaned of paths and control characters (src/attachments/names.ts). */
    name: text('name').notNull(),
    /** Told by the bytes, never by the client (src/attachments/types.ts). */
    type: text('type').notNull(),
    size: bigint('size', { mode: 'number' }).notNull(),
    sha256: text('sha256').notNull(),
    /** False while the bytes are still arriving: nothing may attach or fetch it yet. */
    complete: boolean('complete').notNull().default(false),
    createdAt: tz('created_at').notNull().defaultNow(),
    ticketNumber: bigint('ticket_number', { mode: 'number' }),
    /** The comment (its event's seq) the file came with; with internal, who may fetch it. */
    commentSeq: integer('comment_seq'),
    internal: boolean('internal'),
    attachedAt: tz('attached_at'),
  },
  (t) => [
    index('attachments_ticket_idx').on(t.ticketNumber, t.commentSeq).where(sql`${t.ticketNumber} is not null`),
    index('attachments_unattached_idx').on(t.createdAt).where(sql`${t.ticketNumber} is null`),
  ],
);

export const attachmentChunks = pgTable(
  'attachment_chunks',
  {
    attachmentId: text('attachment_id')
      .notNull()
      .references(() => attachments.id, { onDelete: 'cascade' }),
    index: integer('index').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.attachmentId, t.index] })],
);

/** The audit trail: every accepted change, in order, with who did it and when. */
export const ticketEvents = pgTable(
  'ticket_events',
  {
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    seq: integer('seq').notNull(),
    at: tz('at').notNull(),
    actorId: text('actor_id').notNull(),
    actorKind: text('actor_kind').$type<Actor['kind']>().notNull(),
    actorName: text('actor_name'),
    kind: text('kind').$type<TicketEventKind | WorkEventKind>().notNull(),
    fromStatus: text('from_status').$type<TicketStatus>(),
    toStatus: text('to_status').$type<TicketStatus>(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.ticketNumber, t.seq] }),
    // Reports: the solves of a range, and who made them.
    index('ticket_events_solved_idx').on(t.at, t.actorId).where(sql`${t.kind} = 'status_changed' and ${t.toStatus} = 'solved'`),
    // Reports: a ticket's moves (report_moves, migration 0020), without its comments and other events.
    index('ticket_events_moves_idx').on(t.ticketNumber, t.seq).where(sql`${t.kind} in ('created', 'status_changed', 'priority_changed', 'assigned')`),
    // Reports: a ticket's SLA breaches, and its requester's messages (did a next-reply target run?).
    index('ticket_events_breaches_idx').on(t.ticketNumber).where(sql`${t.kind} = 'sla_breached'`),
    index('ticket_events_requester_messages_idx').on(t.ticketNumber, t.at).where(sql`${t.kind} = 'commented' and ${t.actorKind} = 'requester'`),
    // Reports: the satisfaction ratings of a range.
    index('ticket_events_ratings_idx').on(t.at).where(sql`${t.kind} = 'satisfaction_rated'`),
  ],
);

/**
 * Reports: how tickets moved, per hour (UTC) and per what a report filters by, as they were at the
 * time: status, type, organization, priority and assignee. A creation puts a ticket into a row; a
 * status change, a new priority or a new assignee takes it out of one row and into another. Kept by
 * a statement trigger on ticket_events (migrations 0008 and 0016), so each projection write updates
 * it in its own transaction, in one fixed row order (no deadlock between two writes), and a
 * replayed write, which inserts no event, changes nothing. The backlog of any day is the sum of
 * `net` up to its end, without reading every event.
 */
function reportMoveColumns() {
  return {
    status: text('status').$type<TicketStatus>().notNull(),
    type: text('type').$type<TicketType>().notNull(),
    /** '' for tickets without one: a primary key cannot hold null. */
    organizationId: text('organization_id').notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    /** '' for tickets nobody holds. */
    assigneeId: text('assignee_id').notNull(),
    /** Tickets that entered this status by a status change (into Solved: the solves). */
    entered: integer('entered').notNull().default(0),
    /** Tickets in, minus tickets out, whatever moved them. */
    net: integer('net').notNull().default(0),
  };
}

export const reportStatusHours = pgTable('report_status_hours', { hour: tz('hour').notNull(), ...reportMoveColumns() }, (t) => [
  primaryKey({ columns: [t.hour, t.status, t.type, t.organizationId, t.priority, t.assigneeId] }),
  // A report reads the rows of its filters (or the rollups, migration 0018), then the range's hours.
  index('report_status_hours_filters_idx').on(t.type, t.organizationId, t.priority, t.assigneeId, t.hour),
]);

/**
 * The same moves per month (UTC), kept by the same trigger: the backlog at a range's start sums a
 * few months and at most a month of hours, however old the desk.
 */
export const reportStatusMonths = pgTable('report_status_months', { month: tz('month').notNull(), ...reportMoveColumns() }, (t) => [
  primaryKey({ columns: [t.month, t.status, t.type, t.organizationId, t.priority, t.assigneeId] }),
  index('report_status_months_filters_idx').on(t.type, t.organizationId, t.priority, t.assigneeId, t.month),
]);

/**
 * Reports: every solve, with the ticket as it was then and how long it had been open, kept by the
 * same trigger as the moves (migration 0019), so resolution times and who solved what read one
 * narrow row a solve instead of the audit trail joined with the tickets.
 */
export const reportSolves = pgTable(
  'report_solves',
  {
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    /** The solve's event. */
    seq: integer('seq').notNull(),
    at: tz('at').notNull(),
    /** The agent who solved it; '' when the requester did. */
    solverId: text('solver_id').notNull(),
    type: text('type').$type<TicketType>().notNull(),
    organizationId: text('organization_id').notNull(),
    priority: text('priority').$type<TicketPriority>().notNull(),
    assigneeId: text('assignee_id').notNull(),
    /** From the ticket's creation to this solve. */
    resolutionSeconds: integer('resolution_seconds').notNull(),
  },
  (t) => [primaryKey({ columns: [t.ticketNumber, t.seq] }), index('report_solves_at_idx').on(t.at)],
);

/** E-mails about an account rather than a ticket, queued in the same outbox. */
export type AccountMailKind = 'set_password' | 'reset_password';

/** The answer to an e-mail the desk could not take as a ticket reply (src/mail/inbound/). */
export type InboundMailKind = 'reply_refused';

/**
 * The notification outbox. Rows are queued in the same transaction as the change that causes
 * them and delivered later; `dedupeKey` makes a retried write queue nothing twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    dedupeKey: text('dedupe_key').notNull(),
    /** A ticket's notification kinds, and the account e-mails' (access, reset). */
    kind: text('kind').$type<NotificationKind | AccountMailKind | InboundMailKind>().notNull(),
    ticketNumber: bigint('ticket_number', { mode: 'number' }),
    recipient: text('recipient').notNull(),
    recipientId: text('recipient_id'),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: tz('created_at').notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: tz('next_attempt_at').notNull().defaultNow(),
    sentAt: tz('sent_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('notifications_dedupe_idx').on(t.dedupeKey),
    index('notifications_due_idx').on(t.nextAttemptAt).where(sql`${t.sentAt} is null`),
    index('notifications_ticket_idx').on(t.ticketNumber),
  ],
);

// ---------------------------------------------------------------------------------------------
// Accounts: plain tables written by the API. Ids are text so that they travel unchanged into a
// ticket's Person and Actor (the workflow never looks them up).

export const USER_ROLES = ['requester', 'agent', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** The languages the portal and the e-mails speak. */
export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];

export const users = pgTable(
  'users',
  {
    id: text('id').primaryKey(),
    /** Stored lower-cased, so that one address is one account whatever its spelling. */
    email: text('email').notNull(),
    name: text('name'),
    role: text('role').$type<UserRole>().notNull().default('requester'),
    /** The person's language for the portal and their e-mails; null until they choose one. */
    language: text('language').$type<Language>(),
    /** Null until the person follows their access link and sets a password. */
    passwordHash: text('password_hash'),
    disabledAt: tz('disabled_at'),
    /** When the person last signed in (any new session), for the admin pages. */
    lastSignedInAt: tz('last_signed_in_at'),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('users_email_idx').on(t.email), index('users_role_idx').on(t.role)],
);

export const organizations = pgTable(
  'organizations',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('organizations_name_idx').on(sql`lower(${t.name})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organizationId] }), index('memberships_organization_idx').on(t.organizationId)],
);

/** Server-side sessions: the cookie holds a random secret, the table only its hash. */
export const sessions = pgTable(
  'sessions',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    userAgent: text('user_agent'),
    address: text('address'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const TOKEN_PURPOSES = ['access', 'reset'] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

/**
 * One-time links (access and password reset). Only the hash is stored, so a leaked table cannot
 * be turned into working links. The e-mail rather than a user id: access may be requested by
 * someone who has no account yet, and the account is made when the link is followed.
 */
export const accountTokens = pgTable(
  'account_tokens',
  {
    tokenHash: text('token_hash').primaryKey(),
    purpose: text('purpose').$type<TokenPurpose>().notNull(),
    email: text('email').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    expiresAt: tz('expires_at').notNull(),
    usedAt: tz('used_at'),
  },
  (t) => [index('account_tokens_email_idx').on(t.email)],
);

/** Fixed-window counters, in Postgres so that every API process shares them. */
export const rateLimits = pgTable('rate_limits', {
  key: text('key').primaryKey(),
  windowStart: tz('window_start').notNull(),
  count: integer('count').notNull(),
});

// ---------------------------------------------------------------------------------------------
// E-mail in: answers to the desk's e-mails, read from the support mailbox (src/mail/inbound/).

/**
 * A person's token for answering one ticket by e-mail: the "+token" of the Reply-To address in
 * the e-mails they get about it. It says who answers which ticket without trusting From.
 */
export const replyTokens = pgTable(
  'reply_tokens',
  {
    token: text('token').primaryKey(),
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    userId: text('user_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('reply_tokens_ticket_user_idx').on(t.ticketNumber, t.userId)],
);

export const INBOUND_OUTCOMES = ['added', 'suspended', 'refused', 'ignored', 'released', 'discarded'] as const;
/**
 * added: became a reply; suspended: kept for an agent to release or discard (the sender or the
 * ticket could not be trusted); refused: answered with why (a Closed ticket, too large);
 * ignored: an automatic message (out of office, bounce) that gets no answer; released and
 * discarded: what an agent decided for a suspended one.
 */
export type InboundOutcome = (typeof INBOUND_OUTCOMES)[number];

/** Every e-mail read from the support mailbox, once: the Message-ID keeps a re-read from counting twice. */
export const inboundMessages = pgTable(
  'inbound_messages',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    messageId: text('message_id').notNull(),
    fromAddress: text('from_address').notNull(),
    subject: text('subject').notNull(),
    receivedAt: tz('received_at').notNull().defaultNow(),
    outcome: text('outcome').$type<InboundOutcome>().notNull(),
    /** Why it was suspended, refused or ignored, for the agent who looks at it. */
    reason: text('reason'),
    ticketNumber: bigint('ticket_number', { mode: 'number' }),
    userId: text('user_id'),
    /** The reply's text once the quoted history and signature are cut off. */
    body: text('body').notNull().default(''),
    /** The e-mail as received, kept while suspended so that an agent can release it with its files. */
    raw: bytea('raw'),
    decidedBy: text('decided_by'),
    decidedAt: tz('decided_at'),
  },
  (t) => [
    uniqueIndex('inbound_messages_message_id_idx').on(t.messageId),
    index('inbound_messages_suspended_idx').on(t.receivedAt).where(sql`${t.outcome} = 'suspended'`),
  ],
);

// ---------------------------------------------------------------------------------------------
// Canned replies (macros): Support Ops' shared set, written by the API (src/api/routers/macros.ts).

/** What a canned reply does besides its text; `assignee`: a Support Ops member's id, "@me" (whoever applies it), or null (unassign). */
export interface MacroActions {
  status?: SettableStatus;
  priority?: TicketPriority;
  addTags?: string[];
  removeTags?: string[];
  assignee?: string | null;
}

export const macros = pgTable(
  'macros',
  {
    id: text('id').primaryKey(),
    title: text('title').notNull(),
    /** The text in each language, with placeholders (src/tickets/macros.ts); '' when it has none in that language. */
    bodyEn: text('body_en').notNull().default(''),
    bodyFr: text('body_fr').notNull().default(''),
    actions: jsonb('actions').$type<MacroActions>().notNull().default({}),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    updatedAt: tz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('macros_title_idx').on(sql`lower(${t.title})`)],
);

/** Each time a canned reply was sent, once per request id: its used count. */
export const macroUses = pgTable(
  'macro_uses',
  {
    userId: text('user_id').notNull(),
    requestId: text('request_id').notNull(),
    macroId: text('macro_id')
      .notNull()
      .references(() => macros.id, { onDelete: 'cascade' }),
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    usedAt: tz('used_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.requestId] }), index('macro_uses_macro_idx').on(t.macroId, t.usedAt)],
);

// ---------------------------------------------------------------------------------------------
// Presence: who of Support Ops has a ticket open, and who is writing on it (src/api/routers/presence.ts).

export const PRESENCE_ACTIVITIES = ['viewing', 'replying'] as const;
export type PresenceActivity = (typeof PRESENCE_ACTIVITIES)[number];

/** One row per person and ticket, refreshed by their page's heartbeats; stale past the TTL, then removed. */
export const ticketPresence = pgTable(
  'ticket_presence',
  {
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    activity: text('activity').$type<PresenceActivity>().notNull(),
    /** Since when they have been there without a break (a heartbeat after the TTL starts again). */
    since: tz('since').notNull().defaultNow(),
    seenAt: tz('seen_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.ticketNumber, t.userId] }), index('ticket_presence_seen_idx').on(t.seenAt)],
);

// ---------------------------------------------------------------------------------------------
// Administration: what admins did, and the desk's settings they keep.

/** Every admin action, who did it and when: the admin log (src/accounts/admin-log.ts). */
export const adminActions = pgTable(
  'admin_actions',
  {
    id: bigint('id', { mode: 'number' }).generatedAlwaysAsIdentity().primaryKey(),
    at: tz('at').notNull().defaultNow(),
    actorId: text('actor_id').notNull(),
    actorEmail: text('actor_email').notNull(),
    /** The procedure, e.g. users.update. */
    action: text('action').notNull(),
    /** What it was given (an admin's input holds no secret: passwords never pass through these). */
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
  },
  (t) => [index('admin_actions_at_idx').on(t.at.desc())],
);

/** Settings an admin changes in the console, one row each, read by every process. */
export const deskSettings = pgTable('desk_settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').$type<unknown>().notNull(),
  updatedAt: tz('updated_at').notNull().defaultNow(),
  updatedBy: text('updated_by'),
});

/**
 * People an admin erased (src/accounts/erasure.ts): their id only, never their name or address.
 * The projection consults it on every write (activities/projection.ts), so that a ticket whose
 * workflow still holds their words writes placeholders instead; a new account for the same
 * address gets a new id and is not affected.
 */
export const erasedPeople = pgTable('erased_people', {
  userId: text('user_id').primaryKey(),
  erasedAt: tz('erased_at').notNull().defaultNow(),
  erasedBy: text('erased_by').notNull(),
});

/**
 * Business-hours calendars (workflows/calendar), one row per version: a change is a new row, never
 * an update, so that whatever pinned a version keeps it. The current one is the highest version.
 */
export const calendarVersions = pgTable(
  'calendar_versions',
  {
    calendarId: text('calendar_id').notNull(),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    definition: jsonb('definition').$type<BusinessCalendar>().notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    /** The admin who saved it; null for the version a fresh install seeded. */
    createdBy: text('created_by'),
  },
  (t) => [primaryKey({ columns: [t.calendarId, t.version] })],
);

/** SLA targets per type and priority (workflows/sla/policy.ts), versioned like calendars. */
export const slaPolicyVersions = pgTable('sla_policy_versions', {
  version: integer('version').primaryKey(),
  targets: jsonb('targets').$type<SlaTargets>().notNull(),
  /** The share of each target at which its warning comes (workflows/sla/policy.ts, Escalation). */
  warningShare: doublePrecision('warning_share').notNull().default(0.75),
  /** Whether time On-hold counts toward resolution (Pending never does). */
  onHoldCountsTowardResolution: boolean('on_hold_counts_toward_resolution').notNull().default(true),
  createdAt: tz('created_at').notNull().defaultNow(),
  createdBy: text('created_by'),
});

/** Pending reminder and close, Solved close, versioned like calendars. */
export const lifecycleDurationVersions = pgTable('lifecycle_duration_versions', {
  version: integer('version').primaryKey(),
  pendingReminderMs: bigint('pending_reminder_ms', { mode: 'number' }).notNull(),
  pendingAutoCloseMs: bigint('pending_auto_close_ms', { mode: 'number' }).notNull(),
  solvedAutoCloseMs: bigint('solved_auto_close_ms', { mode: 'number' }).notNull(),
  /** From Solved to the satisfaction survey (a day, for versions saved before it existed). */
  satisfactionDelayMs: bigint('satisfaction_delay_ms', { mode: 'number' }).notNull().default(86_400_000),
  /** Whether a bad satisfaction rating notifies Support Ops. */
  badRatingNotifiesOps: boolean('bad_rating_notifies_ops').notNull().default(true),
  createdAt: tz('created_at').notNull().defaultNow(),
  createdBy: text('created_by'),
});

/**
 * The one-time links of satisfaction surveys: one per survey (a solve's `satisfaction_requested`
 * event), made by the projection with the survey's e-mail. The link holds a random secret, this
 * table its hash. Who may answer, and whether the survey is still open, the ticket decides: the
 * link only says which survey of which ticket it is, and for whom.
 */
export const satisfactionLinks = pgTable(
  'satisfaction_links',
  {
    tokenHash: text('token_hash').primaryKey(),
    ticketNumber: bigint('ticket_number', { mode: 'number' }).notNull(),
    /** The seq of the survey's `satisfaction_requested` event. */
    survey: integer('survey').notNull(),
    requesterId: text('requester_id').notNull(),
    createdAt: tz('created_at').notNull().defaultNow(),
    /** When the requester answered through it. */
    usedAt: tz('used_at'),
  },
  (t) => [uniqueIndex('satisfaction_links_survey_idx').on(t.ticketNumber, t.survey)],
);
