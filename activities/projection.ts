// Writes a ticket's projection: the tickets row, its comments, its audit events and the
// notifications it causes, in one transaction. Idempotent and order-proof: the row only moves to
// a higher version, and events, comments and notifications are keyed, so a retried or late write
// changes nothing.
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../src/db/client.js';
import { attachments, notifications, projectionFaults, tags, ticketComments, ticketEvents, tickets } from '../src/db/schema.js';
import { addCommentWords, ensureSearchRow } from '../src/db/search.js';
import { peopleNamed, scrubEffects, scrubState } from '../src/accounts/erased.js';
import { erasedAmong } from '../src/accounts/erased-people.js';
import { autoCloseAt, slaDueTimes } from '../workflows/ticket/deadlines.js';
import type { TicketMailPayload } from '../src/mail/templates.js';
import type { SlaTargetName } from '../workflows/sla/policy.js';
import type { TicketComment, TicketEffects, TicketNotification } from '../workflows/ticket/effects.js';
import { createSurveyLink } from '../src/satisfaction/links.js';
import type { TicketState } from '../workflows/ticket/model.js';
import { upgradeState } from '../workflows/ticket/state.js';
import { withStorableText } from '../workflows/ticket/text.js';

const date = (ms: number | null) => (ms === null ? null : new Date(ms));

export function ticketRow(given: TicketState): typeof tickets.$inferInsert {
  // A ticket whose run started before priorities and tags (revision 3 and before) writes what it would start with.
  const state = upgradeState(given);
  // Only a ticket that pinned an SLA has next-reply and resolution targets.
  const due = slaDueTimes(state);
  return {
    number: state.number,
    version: state.version,
    type: state.type,
    subject: state.subject,
    description: state.description,
    status: state.status,
    requesterId: state.requester.id,
    requesterEmail: state.requester.email,
    requesterName: state.requester.name ?? null,
    organizationId: state.organizationId,
    assigneeId: state.assignee?.id ?? null,
    assigneeEmail: state.assignee?.email ?? null,
    assigneeName: state.assignee?.name ?? null,
    priority: state.priority,
    tags: state.tags,
    ccs: state.ccs,
    ccIds: state.ccs.map((p) => p.id),
    followUpOf: state.followUpOf,
    commentCount: state.commentCount,
    policy: state.policy,
    createdAt: new Date(state.createdAt),
    updatedAt: new Date(state.updatedAt),
    statusChangedAt: new Date(state.statusChangedAt),
    pendingReminderSentAt: date(state.pendingReminderSentAt),
    autoCloseAt: date(autoCloseAt(state)),
    firstReplyDueAt: new Date(state.firstReplyDueAt),
    firstRepliedAt: date(state.firstRepliedAt),
    nextReplyDueAt: date(due.nextReply),
    resolutionDueAt: date(due.resolution),
    slaVersion: state.sla?.slaVersion ?? null,
    slaBreachedAt: date(state.slaBreachedAt),
    solvedAt: date(state.solvedAt),
    closedAt: date(state.closedAt),
  };
}

export interface WriteOptions {
  /** The write follows a fault (projection_faults): remove its row once the write succeeds. */
  clearsFault?: boolean;
}

export async function writeProjection(db: Database, given: TicketState, givenEffects: TicketEffects, options: WriteOptions = {}): Promise<void> {
  // Text the doors refuse today may sit in tickets accepted before; stored as U+FFFD, not refused.
  const storable = withStorableText(given);
  const storableEffects = withStorableText(givenEffects);
  await db.transaction(async (tx) => {
    // An erased person's words may still be in the workflow's state and in changes it queued
    // before the erasure: the ticket writes placeholders for them instead (src/accounts/erasure.ts
    // says why the projection, not the workflow, does this).
    const erased = await erasedAmong(tx, peopleNamed(storable, storableEffects));
    const state = scrubState(storable, erased);
    const effects = scrubEffects(storableEffects, erased);
    const row = ticketRow(state);
    const { number: _key, ...update } = row;
    await tx
      .insert(tickets)
      .values(row)
      .onConflictDoUpdate({
        target: tickets.number,
        set: Object.fromEntries(Object.keys(update).map((key) => [key, sql.raw(`excluded.${columnName(key)}`)])),
        setWhere: sql`${tickets.version} < excluded.version`,
      });
    // The words search finds, in the same transaction: a ticket is found as soon as it is read.
    await ensureSearchRow(tx, state);
    if (effects.comments.length > 0) {
      const inserted = await tx
        .insert(ticketComments)
        .values(
          effects.comments.map((c) => ({
            ticketNumber: state.number,
            seq: c.seq,
            authorId: c.author.id,
            authorKind: c.author.kind,
            authorName: c.author.name ?? null,
            body: c.body,
            internal: c.internal,
            attachments: c.attachments ?? [],
            createdAt: new Date(c.at),
          })),
        )
        .onConflictDoNothing()
        .returning({ seq: ticketComments.seq });
      await addCommentWords(
        tx,
        state.number,
        inserted.map((c) => c.seq),
      );
      // The uploads now belong to their message: who may fetch each follows from it.
      for (const c of effects.comments.filter((comment) => comment.attachments?.length)) {
        await tx
          .update(attachments)
          .set({ ticketNumber: state.number, commentSeq: c.seq, internal: c.internal, attachedAt: sql`now()` })
          .where(and(inArray(attachments.id, c.attachments!.map((a) => a.id)), isNull(attachments.ticketNumber)));
      }
    }
    if (effects.comments.some((c) => !c.internal)) {
      // Counted from the rows themselves, whatever order writes arrive in: the count requesters
      // see is never more, nor less, than the comments they can read.
      await tx
        .update(tickets)
        .set({ publicCommentCount: sql`(select count(*)::int from ${ticketComments} where ${ticketComments.ticketNumber} = ${state.number} and not ${ticketComments.internal})` })
        .where(eq(tickets.number, state.number));
    }
    if (effects.events.length > 0) {
      const inserted = await tx
        .insert(ticketEvents)
        .values(
          effects.events.map((e) => ({
            ticketNumber: state.number,
            seq: e.seq,
            at: new Date(e.at),
            actorId: e.actor.id,
            actorKind: e.actor.kind,
            actorName: e.actor.name ?? null,
            kind: e.kind,
            fromStatus: e.fromStatus,
            toStatus: e.toStatus,
            data: e.data,
          })),
        )
        .onConflictDoNothing()
        .returning({ kind: ticketEvents.kind, data: ticketEvents.data });
      await countTags(tx, inserted);
    }
    if (effects.notifications.length > 0) {
      const rows: Array<typeof notifications.$inferInsert> = [];
      for (const n of effects.notifications) {
        const payload: TicketMailPayload = mailPayload(state, n, effects);
        if (n.kind === 'satisfaction_survey') {
          // The survey's e-mail carries its one-time link; a retried write made both already.
          const token = await createSurveyLink(tx, { ticketNumber: state.number, survey: n.seq, requesterId: n.recipientId ?? state.requester.id });
          if (token === null) continue;
          payload.token = token;
        }
        rows.push({ dedupeKey: `ticket:${state.number}:${n.seq}:${n.kind}:${n.recipient}`, kind: n.kind, ticketNumber: state.number, recipient: n.recipient, recipientId: n.recipientId, payload });
      }
      if (rows.length > 0) await tx.insert(notifications).values(rows).onConflictDoNothing();
    }
    if (options.clearsFault) await tx.delete(projectionFaults).where(eq(projectionFaults.ticketNumber, state.number));
  });
}

/**
 * What the notification's e-mail says: the ticket's facts at that version and, when a public
 * message caused it (the request, a reply), that message. An internal note's text never
 * reaches an outbox row, whoever reads it.
 */
function mailPayload(state: TicketState, notification: TicketNotification, effects: Pick<TicketEffects, 'comments' | 'events'>): TicketMailPayload {
  const { comments, events } = effects;
  const cause = comments.find((c) => c.seq === notification.seq && !c.internal);
  const rating = ratingComment(state, notification, effects);
  const closesAt = autoCloseAt(state);
  // A page names the target missed and its instant, as its event (sla_paged) recorded them.
  const paged = events.find((e) => e.seq === notification.seq && e.kind === 'sla_paged');
  return {
    subject: state.subject,
    status: state.status,
    type: state.type,
    priority: state.priority,
    ...(paged ? { page: { target: paged.data.target as SlaTargetName, breachedAt: new Date(Number(paged.data.dueAt)).toISOString() } } : {}),
    autoCloseAt: closesAt === null ? null : new Date(closesAt).toISOString(),
    firstReplyDueAt: state.firstRepliedAt === null ? new Date(state.firstReplyDueAt).toISOString() : null,
    ...(cause
      ? { message: { author: authorName(state, cause), body: cause.body, files: (cause.attachments ?? []).map((file) => file.name) } }
      : rating
        ? { message: rating }
        : {}),
  };
}

/** A bad rating's comment, for Support Ops' e-mail about it (nothing when it came without one). */
function ratingComment(state: TicketState, notification: TicketNotification, effects: Pick<TicketEffects, 'events'>): TicketMailPayload['message'] | null {
  if (notification.kind !== 'satisfaction_bad') return null;
  const rated = effects.events.find((e) => e.seq === notification.seq && e.kind === 'satisfaction_rated');
  const comment = typeof rated?.data.comment === 'string' ? rated.data.comment : '';
  return comment ? { author: state.requester.name ?? state.requester.email, body: comment, files: [] } : null;
}

function authorName(state: TicketState, comment: TicketComment): string {
  if (comment.author.name) return comment.author.name;
  return comment.author.id === state.requester.id ? (state.requester.name ?? state.requester.email) : 'Support Ops';
}

/**
 * Counts the tags put on and taken off by the events just inserted (only those: a retried write
 * inserts none), for suggestions of the tags in use.
 */
async function countTags(tx: Pick<Database, 'insert'>, events: Array<{ kind: string; data: Record<string, unknown> }>): Promise<void> {
  const moves = new Map<string, number>();
  for (const event of events.filter((e) => e.kind === 'tags_changed')) {
    for (const tag of (event.data.added as string[] | undefined) ?? []) moves.set(tag, (moves.get(tag) ?? 0) + 1);
    for (const tag of (event.data.removed as string[] | undefined) ?? []) moves.set(tag, (moves.get(tag) ?? 0) - 1);
  }
  for (const [name, by] of moves) {
    if (by === 0) continue;
    await tx
      .insert(tags)
      .values({ name, tickets: Math.max(by, 0) })
      .onConflictDoUpdate({ target: tags.name, set: { tickets: sql`greatest(${tags.tickets} + ${by}, 0)`, ...(by > 0 ? { lastUsedAt: sql`now()` } : {}) } });
  }
}

/** Records that the ticket's projection is stuck, for the product to show (metrics, console). */
export async function recordProjectionFault(db: Database, number: number, fault: { version: number; message: string; at: number }): Promise<void> {
  const row = { ticketNumber: number, version: fault.version, message: withStorableText(fault.message).slice(0, 2000), at: new Date(fault.at) };
  await db.insert(projectionFaults).values(row).onConflictDoUpdate({ target: projectionFaults.ticketNumber, set: row });
}

/** drizzle's property name → the SQL column it maps to. */
function columnName(property: string): string {
  const column = (tickets as unknown as Record<string, { name: string }>)[property];
  return column.name;
}
