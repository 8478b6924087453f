// tickets.*: submit, read, list and work tickets. Every procedure decides who may act from the
// projection first; the ticket's workflow then applies the lifecycle and has the last word.
import { TRPCError } from '@trpc/server';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { ensureUser, findUserById, isStaff, organizationIdsOf, personOf, type UserRow } from '../../accounts/users.js';
import { ticketComments, ticketEvents, tickets } from '../../db/schema.js';
import { TicketGoneError } from '../../tickets/errors.js';
import type { MessageName } from '../../../workflows/ticket/commands.js';
import type { MessageInputs } from '../../../workflows/ticket/messages.js';
import { MAX_BODY_LENGTH, MAX_SUBJECT_LENGTH, SETTABLE_STATUSES, STATUS_LABELS, TICKET_TYPES, type Person } from '../../../workflows/ticket/model.js';
import { email, id, requestId, requiredText, ticketNumber } from '../inputs.js';
import { actorOf, requireStanding, visibleTicket, type Standing, type TicketRow } from '../ticket-access.js';
import { listInput, listTickets } from '../ticket-list.js';
import { commentView, eventView, isInternalEvent, ticketView } from '../ticket-views.js';
import { router, signedInProcedure, type SignedInContext } from '../trpc.js';

const subject = requiredText(MAX_SUBJECT_LENGTH, 'A subject is required.');
const description = requiredText(MAX_BODY_LENGTH, 'Describe the problem.');

const byNumber = z.object({ number: ticketNumber, requestId: requestId.optional() });

const PARTICIPANTS: Standing[] = ['staff', 'requester', 'cc'];
const NOT_PARTICIPANT = 'Only the requester, CC\u2019d users and Support Ops can act on this ticket.';

/** Resolves CC addresses to accounts, making requester accounts for people who have none yet. */
async function ccPeople(ctx: SignedInContext, emails: string[], exclude: string[]): Promise<Person[]> {
  const people: Person[] = [];
  for (const address of new Set(emails)) {
    const user = await ensureUser(ctx.deps.db, address);
    if (!exclude.includes(user.id) && !people.some((p) => p.id === user.id)) people.push(personOf(user));
  }
  return people;
}

async function readTicket(ctx: SignedInContext, number: number) {
  const [row] = await ctx.deps.db.select().from(tickets).where(eq(tickets.number, number));
  return ticketView(row, { staff: isStaff(ctx.me) });
}

/**
 * Sends one message to the ticket's workflow and returns the ticket as the projection now holds
 * it: the workflow answers only after writing it, so this is the caller's own write.
 */
async function send<N extends MessageName>(ctx: SignedInContext, row: TicketRow, name: N, input: MessageInputs[N], requestId?: string) {
  if (row.status === 'closed') throw new TRPCError({ code: 'CONFLICT', message: new TicketGoneError(row.number).message });
  await ctx.deps.desk.send(row.number, name, input, requestId ? { userId: ctx.me.id, requestId } : undefined);
  return { ticket: await readTicket(ctx, row.number) };
}

function statusChange(name: 'setPending' | 'putOnHold' | 'solve' | 'reopen', allowed: Standing[]) {
  const target = { setPending: 'pending', putOnHold: 'on-hold', solve: 'solved', reopen: 'open' } as const;
  return signedInProcedure.input(byNumber).mutation(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    requireStanding(standing, allowed, `Only ${allowed.includes('requester') ? 'the requester or ' : ''}Support Ops can set a ticket to ${STATUS_LABELS[target[name]]}.`);
    return send(ctx, row, name, { actor: actorOf(ctx.me) }, input.requestId);
  });
}

async function createTicket(
  ctx: SignedInContext,
  requester: UserRow,
  input: { type: (typeof TICKET_TYPES)[number]; subject: string; description: string; ccEmails: string[]; requestId: string; followUpOf: number | null },
) {
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
  });
  return { number, ticket: await readTicket(ctx, number) };
}

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
      }),
    )
    .mutation(({ ctx, input }) => createTicket(ctx, ctx.me, { ...input, followUpOf: null })),

  /** The ticket, its conversation and its audit trail (internal notes for Support Ops only). */
  get: signedInProcedure.input(z.object({ number: ticketNumber })).query(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    const staff = standing === 'staff';
    const [comments, events, followUps] = await Promise.all([
      ctx.deps.db.select().from(ticketComments).where(eq(ticketComments.ticketNumber, row.number)).orderBy(asc(ticketComments.seq)),
      ctx.deps.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, row.number)).orderBy(asc(ticketEvents.seq)),
      ctx.deps.db.select({ number: tickets.number }).from(tickets).where(eq(tickets.followUpOf, row.number)).orderBy(asc(tickets.number)),
    ]);
    return {
      ticket: ticketView(row, { staff }),
      /** What the caller may do, so a client can show the right buttons. */
      standing,
      conversation: comments.filter((c) => staff || !c.internal).map(commentView),
      audit: events.filter((e) => staff || !isInternalEvent(e)).map(eventView),
      followUps: followUps.map((f) => f.number),
    };
  }),

  list: signedInProcedure.input(listInput).query(({ ctx, input }) => listTickets(ctx.deps.db, ctx.me, input)),

  /** A public reply, or an internal note (Support Ops), optionally "submitted as" a new status. */
  reply: signedInProcedure
    .input(
      byNumber.extend({
        body: requiredText(MAX_BODY_LENGTH, 'A reply needs some text.'),
        internal: z.boolean().optional(),
        status: z.enum(SETTABLE_STATUSES).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
      requireStanding(standing, PARTICIPANTS, NOT_PARTICIPANT);
      if (standing !== 'staff' && (input.internal || input.status)) {
        throw new TRPCError({ code: 'FORBIDDEN', message: 'Only Support Ops can add internal notes or change the status with a reply.' });
      }
      return send(ctx, row, 'reply', { actor: actorOf(ctx.me), body: input.body, internal: input.internal, status: input.status }, input.requestId);
    }),

  setPending: statusChange('setPending', ['staff']),
  putOnHold: statusChange('putOnHold', ['staff']),
  reopen: statusChange('reopen', ['staff']),
  /** Support Ops, or the requester marking their own ticket Solved. */
  solve: statusChange('solve', ['staff', 'requester']),

  /** Assign to a Support Ops member, or unassign with null. */
  assign: signedInProcedure.input(byNumber.extend({ assigneeId: id.nullable() })).mutation(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    requireStanding(standing, ['staff'], 'Only Support Ops can assign a ticket.');
    let assignee: Person | null = null;
    if (input.assigneeId !== null) {
      const user = await findUserById(ctx.deps.db, input.assigneeId);
      if (!user || !isStaff(user) || user.disabledAt) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'A ticket can only be assigned to a Support Ops member.' });
      }
      assignee = personOf(user);
    }
    return send(ctx, row, 'assign', { actor: actorOf(ctx.me), assignee }, input.requestId);
  }),

  /** CC someone by e-mail; a person without an account gets one, to request access later. */
  addCc: signedInProcedure.input(byNumber.extend({ email })).mutation(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    requireStanding(standing, ['staff', 'requester'], 'Only the requester or Support Ops can change who is CC\u2019d.');
    if (row.status === 'closed') throw new TRPCError({ code: 'CONFLICT', message: new TicketGoneError(row.number).message });
    const user = await ensureUser(ctx.deps.db, input.email);
    return send(ctx, row, 'addCc', { actor: actorOf(ctx.me), person: personOf(user) }, input.requestId);
  }),

  /** The requester or Support Ops remove anyone; a CC'd user may remove themselves. */
  removeCc: signedInProcedure.input(byNumber.extend({ userId: id })).mutation(async ({ ctx, input }) => {
    const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    const self = standing === 'cc' && input.userId === ctx.me.id;
    if (!self) requireStanding(standing, ['staff', 'requester'], 'Only the requester or Support Ops can change who is CC\u2019d.');
    return send(ctx, row, 'removeCc', { actor: actorOf(ctx.me), personId: input.userId }, input.requestId);
  }),

  /** A new ticket linked to a Closed one (a Closed ticket accepts no reply). */
  followUp: signedInProcedure
    .input(
      z.object({
        number: ticketNumber,
        requestId,
        description,
        subject: subject.optional(),
        type: z.enum(TICKET_TYPES).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { row } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
      if (row.status !== 'closed') {
        throw new TRPCError({
          code: 'CONFLICT',
          message: `Ticket #${row.number} is ${STATUS_LABELS[row.status as keyof typeof STATUS_LABELS]}: reply on it instead; a follow-up is for Closed tickets.`,
        });
      }
      // Support Ops open it on the original requester's behalf; anyone else asks for themselves.
      const requester = isStaff(ctx.me) ? ((await findUserById(ctx.deps.db, row.requesterId)) ?? ctx.me) : ctx.me;
      const ccEmails = row.ccs.map((p) => p.email);
      if (requester.id !== row.requesterId) ccEmails.push(row.requesterEmail);
      return createTicket(ctx, requester, {
        type: input.type ?? (row.type as (typeof TICKET_TYPES)[number]),
        subject: input.subject ?? `Follow-up to #${row.number}: ${row.subject}`.slice(0, MAX_SUBJECT_LENGTH),
        description: input.description,
        ccEmails,
        requestId: `follow-up-${row.number}-${input.requestId}`,
        followUpOf: row.number,
      });
    }),
});
