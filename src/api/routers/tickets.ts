// tickets.*: submit, read, list and work tickets. Every procedure decides who may act from the
// projection first; the ticket's workflow then applies the lifecycle and has the last word.
import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { ERASED_ADDRESS, isErasedPerson } from '../../accounts/erased.js';
import { ensureUser, findUserById, isStaff, organizationIdsOf, personOf, type UserRow } from '../../accounts/users.js';
import { onePerPool } from '../../db/prepared.js';
import { ticketComments, ticketEvents, tickets } from '../../db/schema.js';
import { TicketRefusedError } from '../../tickets/errors.js';
import type { StatusMessage } from '../../../workflows/ticket/commands.js';
import { MAX_ATTACHMENTS_PER_MESSAGE, MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, SETTABLE_STATUSES, STATUS_LABELS, TICKET_PRIORITIES, TICKET_TYPES, type Person } from '../../../workflows/ticket/model.js';
import { email, id, requestId, requiredText, seenVersion, tagList, text, ticketNumber } from '../inputs.js';
import { claimUploads } from '../../attachments/claim.js';
import { visibleTicket } from '../../tickets/access.js';
import { assigneeNamed, readTicket, send, ticketToAct } from '../ticket-actions.js';
import { bulkChange, bulkInput } from '../ticket-bulk.js';
import { listInput, listTickets } from '../ticket-list.js';
import { presentOn } from '../presence.js';
import { searchInput, searchTickets } from '../ticket-search.js';
import { commentView, ticketView, trailView } from '../ticket-views.js';
import { router, signedInProcedure, staffProcedure, type SignedInContext } from '../trpc.js';
import { tagSuggestions } from '../tag-suggestions.js';

const subject = requiredText(MAX_SUBJECT_LENGTH, 'A subject is required.');
const description = requiredText(MAX_BODY_LENGTH, 'Describe the problem.');

const byNumber = z.object({ number: ticketNumber, requestId: requestId.optional() });

/** Files uploaded first (POST /attachments), sent with the message by their ids. */
const attachmentIds = z.array(z.uuid('Not an upload id.')).max(MAX_ATTACHMENTS_PER_MESSAGE).default([]);

/** Resolves CC addresses to accounts, making requester accounts for people who have none yet. */
async function ccPeople(ctx: SignedInContext, emails: string[], exclude: string[]): Promise<Person[]> {
  const people: Person[] = [];
  for (const address of new Set(emails)) {
    const user = await ensureUser(ctx.deps.db, address);
    if (!exclude.includes(user.id) && !people.some((p) => p.id === user.id)) people.push(personOf(user));
  }
  return people;
}

function statusChange(name: StatusMessage) {
  return signedInProcedure.input(byNumber).mutation(async ({ ctx, input }) => {
    const row = await ticketToAct(ctx, input.number, { type: name });
    return send(ctx, row.number, name, {}, input.requestId);
  });
}

async function createTicket(
  ctx: SignedInContext,
  requester: UserRow,
  input: {
    type: (typeof TICKET_TYPES)[number];
    subject: string;
    description: string;
    ccEmails: string[];
    requestId: string;
    followUpOf: number | null;
    attachmentIds: string[];
  },
) {
  const descriptionAttachments = await claimUploads(ctx.deps.db, ctx.me.id, input.attachmentIds, ctx.deps.config.ATTACHMENT_MAX_MESSAGE_SIZE);
  const [organizationId = null] = await organizationIdsOf(ctx.deps.db, requester.id);
  const ccs = await ccPeople(ctx, input.ccEmails, [requester.id]);
  const { number } = await ctx.deps.desk.create({
    requestId: input.requestId,
    type: input.type,
    subject: input.subject,
    description: input.description,
    requester: personOf(requester),
    organizationId,
    ccs,
    followUpOf: input.followUpOf,
    ...(descriptionAttachments.length ? { descriptionAttachments } : {}),
  });
  return { number, ticket: await readTicket(ctx, number) };
}

/** What a ticket's page reads besides the ticket, on every open and every refresh (src/db/prepared.ts). */
const ticketPageQueries = {
  comments: onePerPool((db) => db.select().from(ticketComments).where(eq(ticketComments.ticketNumber, sql.placeholder('number'))).orderBy(asc(ticketComments.seq)).prepare('ticket_comments')),
  events: onePerPool((db) => db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, sql.placeholder('number'))).orderBy(asc(ticketEvents.seq)).prepare('ticket_events')),
  followUps: onePerPool((db) => db.select({ number: tickets.number }).from(tickets).where(eq(tickets.followUpOf, sql.placeholder('number'))).orderBy(asc(tickets.number)).prepare('ticket_follow_ups')),
};

export const ticketsRouter = router({
  /** "Submit a request": a new Open ticket for Support Ops, with the auto-reply. */
  create: signedInProcedure
    .input(
      z.object({
        type: z.enum(TICKET_TYPES),
        subject,
        description,
        ccEmails: z.array(email).max(20).default([]),
        requestId,
        attachmentIds,
      }),
    )
    .mutation(({ ctx, input }) => createTicket(ctx, ctx.me, { ...input, followUpOf: null })),

  /** The ticket, its conversation and its audit trail (internal notes for Support Ops only). */
  get: signedInProcedure.input(z.object({ number: ticketNumber })).query(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    const staff = standing === 'agent';
    const [comments, events, followUps, presence] = await Promise.all([
      ticketPageQueries.comments(ctx.deps.db).execute({ number: row.number }),
      ticketPageQueries.events(ctx.deps.db).execute({ number: row.number }),
      ticketPageQueries.followUps(ctx.deps.db).execute({ number: row.number }),
      staff ? presentOn(ctx.deps.db, row.number, ctx.me.id) : Promise.resolve([]),
    ]);
    return {
      ticket: ticketView(row, { staff }),
      /** What the caller may do, so a client can show the right buttons. */
      standing,
      conversation: comments.filter((c) => staff || !c.internal).map(commentView),
      /** Every file of the conversation the caller may see, oldest first. */
      files: comments.filter((c) => staff || !c.internal).flatMap((c) => c.attachments.map((file) => ({ ...file, commentSeq: c.seq, internal: c.internal }))),
      /** The audit trail: `audit` (what the portal names), `workEvents` (priority and tags, Support Ops only), one trail by seq. */
      ...trailView(events, { staff }),
      followUps: followUps.map((f) => f.number),
      /** Support Ops only: who else of Support Ops has the ticket open, and who is replying (presence.*). */
      presence,
    };
  }),

  list: signedInProcedure.input(listInput).query(({ ctx, input }) => listTickets(ctx.deps.db, ctx.me, input)),

  /**
   * Full-text search (src/api/ticket-search.ts): Support Ops over every ticket and internal note,
   * anyone else over the tickets their lists show them; ranked, the matching words marked.
   */
  search: signedInProcedure.input(searchInput).query(({ ctx, input }) => searchTickets(ctx.deps.db, ctx.me, input)),

  /**
   * A public reply, or an internal note (Support Ops), optionally "submitted as" a new status.
   * `seenVersion`: the ticket's version the writer read; if someone else has since replied or
   * changed its status or assignee, CONFLICT with data.refusal.reason "stale" (read it, then send).
   */
  reply: signedInProcedure
    .input(
      byNumber
        .extend({
          body: text(MAX_BODY_LENGTH).default(''),
          internal: z.boolean().optional(),
          status: z.enum(SETTABLE_STATUSES).optional(),
          attachmentIds,
          seenVersion: seenVersion.optional(),
        })
        .refine((reply) => reply.body.length > 0 || reply.attachmentIds.length > 0, { path: ['body'], message: 'A reply needs some text or a file.' }),
    )
    .mutation(async ({ ctx, input }) => {
      const check = { body: input.body, internal: input.internal, status: input.status };
      const row = await ticketToAct(ctx, input.number, { type: 'reply', ...check });
      const attachments = await claimUploads(ctx.deps.db, ctx.me.id, input.attachmentIds, ctx.deps.config.ATTACHMENT_MAX_MESSAGE_SIZE);
      const seen = input.seenVersion !== undefined ? { seenVersion: input.seenVersion } : {};
      return send(ctx, row.number, 'reply', { ...check, ...seen, ...(attachments.length ? { attachments } : {}) }, input.requestId);
    }),

  setPending: statusChange('setPending'),
  putOnHold: statusChange('putOnHold'),
  reopen: statusChange('reopen'),
  /** Support Ops, or the requester marking their own ticket Solved. */
  solve: statusChange('solve'),

  /** Assign to a Support Ops member, or unassign with null. */
  assign: signedInProcedure.input(byNumber.extend({ assigneeId: id.nullable() })).mutation(async ({ ctx, input }) => {
    const row = await ticketToAct(ctx, input.number, { type: 'assign' });
    return send(ctx, row.number, 'assign', { assignee: await assigneeNamed(ctx, input.assigneeId) }, input.requestId);
  }),

  /** CC someone by e-mail; a person without an account gets one, to request access later. */
  addCc: signedInProcedure.input(byNumber.extend({ email })).mutation(async ({ ctx, input }) => {
    const row = await ticketToAct(ctx, input.number, { type: 'addCc' });
    const user = await ensureUser(ctx.deps.db, input.email);
    return send(ctx, row.number, 'addCc', { person: personOf(user) }, input.requestId);
  }),

  /** The requester or Support Ops remove anyone; a CC'd user may remove themselves. */
  removeCc: signedInProcedure.input(byNumber.extend({ userId: id })).mutation(async ({ ctx, input }) => {
    const row = await ticketToAct(ctx, input.number, { type: 'removeCc', personId: input.userId });
    return send(ctx, row.number, 'removeCc', { personId: input.userId }, input.requestId);
  }),

  /** Support Ops: Low, Normal, High or Urgent. */
  setPriority: signedInProcedure.input(byNumber.extend({ priority: z.enum(TICKET_PRIORITIES) })).mutation(async ({ ctx, input }) => {
    const row = await ticketToAct(ctx, input.number, { type: 'setPriority' });
    return send(ctx, row.number, 'setPriority', { priority: input.priority }, input.requestId);
  }),

  /** Support Ops: tags put on and taken off, in one change (free words, normalised: "Vélo " is vélo). */
  changeTags: signedInProcedure
    .input(
      byNumber
        .extend({ add: tagList.default([]), remove: tagList.default([]) })
        .refine((change) => change.add.length > 0 || change.remove.length > 0, { path: ['add'], message: 'Name a tag to add or to remove.' }),
    )
    .mutation(async ({ ctx, input }) => {
      const row = await ticketToAct(ctx, input.number, { type: 'changeTags' });
      const change = { ...(input.add.length ? { add: input.add } : {}), ...(input.remove.length ? { remove: input.remove } : {}) };
      return send(ctx, row.number, 'changeTags', change, input.requestId);
    }),

  /** Support Ops: tags in use, the most used first, those starting with `prefix` (normalised) when given. */
  tagSuggestions: staffProcedure
    .input(z.object({ prefix: text(40).default(''), limit: z.number().int().min(1).max(50).default(10) }))
    .query(({ ctx, input }) => tagSuggestions(ctx.deps.db, input)),

  /**
   * Support Ops: one change (status, assignee, priority or tags) to many tickets, each its own
   * Update, a few at a time; per ticket, what was done or why it was refused. Sent again with the
   * same requestId, each ticket applies it once.
   */
  bulk: staffProcedure.input(bulkInput).mutation(({ ctx, input }) => bulkChange(ctx, input)),

  /** A new ticket linked to a Closed one (a Closed ticket accepts no reply). */
  followUp: signedInProcedure
    .input(
      z.object({
        number: ticketNumber,
        requestId,
        description,
        subject: subject.optional(),
        type: z.enum(TICKET_TYPES).optional(),
        attachmentIds,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
      if (row.status !== 'closed') {
        throw new TicketRefusedError(`Ticket #${row.number} is ${STATUS_LABELS[row.status]}: reply on it instead; a follow-up is for Closed tickets.`, 'transition', row.status);
      }
      // Support Ops open it on the original requester's behalf; anyone else asks for themselves.
      const requester = isStaff(ctx.me) ? ((await findUserById(ctx.deps.db, row.requesterId)) ?? ctx.me) : ctx.me;
      // An erased person (src/accounts/erased.ts) is no longer anyone to copy.
      const ccEmails = row.ccs.filter((p) => !isErasedPerson(p)).map((p) => p.email);
      if (requester.id !== row.requesterId && row.requesterEmail !== ERASED_ADDRESS) ccEmails.push(row.requesterEmail);
      return createTicket(ctx, requester, {
        type: input.type ?? row.type,
        subject: input.subject ?? `Follow-up to #${row.number}: ${row.subject}`.slice(0, MAX_SUBJECT_LENGTH),
        description: input.description,
        ccEmails,
        requestId: `follow-up-${row.number}-${input.requestId}`,
        followUpOf: row.number,
        attachmentIds: input.attachmentIds,
      });
    }),
});
