// What clients see of a ticket: projection rows turned into plain JSON (ISO dates), with internal
// notes left out for anyone who is not Support Ops. The web client is typed from these (through
// the router's inferred outputs), so a field added here reaches it with no second definition.
import type { ticketComments, ticketEvents, tickets } from '../db/schema.js';
import { WORK_EVENT_KINDS, type TicketEventKind, type WorkEventKind } from '../../workflows/ticket/effects.js';
import type { Person } from '../../workflows/ticket/model.js';

type TicketRow = typeof tickets.$inferSelect;
type CommentRow = typeof ticketComments.$inferSelect;
type EventRow = typeof ticketEvents.$inferSelect;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const person = (id: string | null, email: string | null, name: string | null): Person | null =>
  id && email ? (name ? { id, email, name } : { id, email }) : null;

/**
 * The ticket as its reader may see it: Support Ops see every comment counted; anyone else the
 * comments they can read (internal notes left out), so that a count never tells of a note.
 */
export function ticketView(row: TicketRow, reader: { staff: boolean }) {
  return {
    number: row.number,
    version: row.version,
    type: row.type,
    subject: row.subject,
    description: row.description,
    status: row.status,
    requester: person(row.requesterId, row.requesterEmail, row.requesterName) as Person,
    organizationId: row.organizationId,
    assignee: person(row.assigneeId, row.assigneeEmail, row.assigneeName),
    /** Support Ops' own marks: null and [] for anyone else. */
    priority: reader.staff ? row.priority : null,
    tags: reader.staff ? row.tags : [],
    ccs: row.ccs,
    followUpOf: row.followUpOf,
    commentCount: reader.staff ? row.commentCount : row.publicCommentCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    statusChangedAt: row.statusChangedAt.toISOString(),
    firstReplyDueAt: row.firstReplyDueAt.toISOString(),
    firstRepliedAt: iso(row.firstRepliedAt),
    /** The pinned SLA's next-reply and resolution deadlines while their clocks run (Support Ops' console). */
    nextReplyDueAt: reader.staff ? iso(row.nextReplyDueAt) : null,
    resolutionDueAt: reader.staff ? iso(row.resolutionDueAt) : null,
    slaBreachedAt: iso(row.slaBreachedAt),
    pendingReminderSentAt: iso(row.pendingReminderSentAt),
    autoCloseAt: iso(row.autoCloseAt),
    solvedAt: iso(row.solvedAt),
    closedAt: iso(row.closedAt),
  };
}
export type TicketView = ReturnType<typeof ticketView>;

/** Who did something, as a client shows them. */
const actorView = (id: string, kind: CommentRow['authorKind'], name: string | null) => ({ id, kind, name });

export function commentView(row: CommentRow) {
  return {
    seq: row.seq,
    author: actorView(row.authorId, row.authorKind, row.authorName),
    body: row.body,
    internal: row.internal,
    attachments: row.attachments,
    createdAt: row.createdAt.toISOString(),
  };
}

const isWorkEvent = (row: EventRow): row is EventRow & { kind: WorkEventKind } => (WORK_EVENT_KINDS as readonly string[]).includes(row.kind);

function eventView<Kind extends TicketEventKind | WorkEventKind>(row: EventRow & { kind: Kind }) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: actorView(row.actorId, row.actorKind, row.actorName),
    kind: row.kind,
    fromStatus: row.fromStatus,
    toStatus: row.toStatus,
    data: row.data,
  };
}

/**
 * A ticket's trail as its reader may see it: `audit`, the events the portal names; `workEvents`,
 * Support Ops' own changes (priority, tags: effects.ts), for Support Ops only. Both by seq, one
 * trail. Requesters never learn of internal notes, not even that one was added.
 */
export function trailView(rows: EventRow[], reader: { staff: boolean }) {
  const audit = rows.filter((row): row is EventRow & { kind: TicketEventKind } => !isWorkEvent(row)).filter((row) => reader.staff || !(row.kind === 'commented' && row.data?.internal === true));
  return { audit: audit.map(eventView), workEvents: reader.staff ? rows.filter(isWorkEvent).map(eventView) : [] };
}
