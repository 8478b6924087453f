// What clients see of a ticket: projection rows turned into plain JSON (ISO dates, labels), with
// internal notes left out for anyone who is not Support Ops.
import type { ticketComments, ticketEvents, tickets } from '../db/schema.js';
import {
  STATUS_LABELS,
  TYPE_LABELS,
  type Person,
  type TicketStatus,
  type TicketType,
} from '../../workflows/ticket/model.js';

type TicketRow = typeof tickets.$inferSelect;
type CommentRow = typeof ticketComments.$inferSelect;
type EventRow = typeof ticketEvents.$inferSelect;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

const person = (id: string | null, email: string | null, name: string | null): Person | null =>
  id && email ? (name ? { id, email, name } : { id, email }) : null;

export interface ActorView {
  id: string;
  kind: string;
  name: string | null;
}

/**
 * The ticket as its reader may see it: Support Ops see every comment counted; anyone else the
 * comments they can read (internal notes left out), so that a count never tells of a note.
 */
export function ticketView(row: TicketRow, reader: { staff: boolean }) {
  return {
    number: row.number,
    version: row.version,
    type: row.type as TicketType,
    typeLabel: TYPE_LABELS[row.type as TicketType] ?? row.type,
    subject: row.subject,
    description: row.description,
    status: row.status as TicketStatus,
    statusLabel: STATUS_LABELS[row.status as TicketStatus] ?? row.status,
    requester: person(row.requesterId, row.requesterEmail, row.requesterName) as Person,
    organizationId: row.organizationId,
    assignee: person(row.assigneeId, row.assigneeEmail, row.assigneeName),
    ccs: row.ccs,
    followUpOf: row.followUpOf,
    commentCount: reader.staff ? row.commentCount : row.publicCommentCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    statusChangedAt: row.statusChangedAt.toISOString(),
    firstReplyDueAt: row.firstReplyDueAt.toISOString(),
    firstRepliedAt: iso(row.firstRepliedAt),
    slaBreachedAt: iso(row.slaBreachedAt),
    pendingReminderSentAt: iso(row.pendingReminderSentAt),
    autoCloseAt: iso(row.autoCloseAt),
    solvedAt: iso(row.solvedAt),
    closedAt: iso(row.closedAt),
  };
}
export type TicketView = ReturnType<typeof ticketView>;

export function commentView(row: CommentRow) {
  return {
    seq: row.seq,
    author: { id: row.authorId, kind: row.authorKind, name: row.authorName } satisfies ActorView,
    body: row.body,
    internal: row.internal,
    createdAt: row.createdAt.toISOString(),
  };
}

export function eventView(row: EventRow) {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: { id: row.actorId, kind: row.actorKind, name: row.actorName } satisfies ActorView,
    kind: row.kind,
    fromStatus: row.fromStatus as TicketStatus | null,
    toStatus: row.toStatus as TicketStatus | null,
    data: row.data,
  };
}

/** Requesters never learn of internal notes, not even that one was added. */
export const isInternalEvent = (row: EventRow) => row.kind === 'commented' && row.data?.internal === true;
