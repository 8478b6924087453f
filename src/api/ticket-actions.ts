// Sending a message to a ticket from the API, as every router does it: decide from the projection
// whether the caller may send it (the workflow checks again), send it through the desk, and answer
// with the ticket as the projection now holds it (the caller's own write).
import { eq } from 'drizzle-orm';
import { TRPCError } from '@trpc/server';
import { findUserById, isStaff, personOf } from '../accounts/users.js';
import type { Person } from '../../workflows/ticket/model.js';
import { tickets } from '../db/schema.js';
import { TicketGoneError } from '../tickets/errors.js';
import type { MessageInputs, MessageName } from '../../workflows/ticket/commands.js';
import type { Attempt } from '../../workflows/ticket/permissions.js';
import { actorOf, requirePermission, visibleTicket, type TicketRow } from '../tickets/access.js';
import { ticketView } from './ticket-views.js';
import type { SignedInContext } from './trpc.js';

export async function readTicket(ctx: SignedInContext, number: number) {
  const [row] = await ctx.deps.db.select().from(tickets).where(eq(tickets.number, number));
  return ticketView(row, { staff: isStaff(ctx.me) });
}

/**
 * The ticket a message goes to, once the caller may send it (workflows/ticket/permissions.ts): a
 * Closed ticket accepts nothing, and a refusal is FORBIDDEN before anything is looked up or made.
 */
export async function ticketToAct(ctx: SignedInContext, number: number, attempt: Omit<Attempt, 'actor'>): Promise<TicketRow> {
  const { row, standing } = await visibleTicket(ctx.deps.db, ctx.me, number);
  requirePermission(standing, { ...attempt, actor: actorOf(ctx.me) }, row.number);
  if (row.status === 'closed') throw new TicketGoneError(row.number);
  return row;
}

/**
 * Sends one message to the ticket's workflow and returns the ticket as the projection now holds
 * it: the workflow answers only after writing it, so this is the caller's own write.
 */
export async function send<N extends MessageName>(ctx: SignedInContext, number: number, name: N, fields: Omit<MessageInputs[N], 'actor'>, requestId?: string) {
  const input = { ...fields, actor: actorOf(ctx.me) } as MessageInputs[N];
  await ctx.deps.desk.send(number, name, input, requestId ? { userId: ctx.me.id, requestId } : undefined);
  return { ticket: await readTicket(ctx, number) };
}

/** The Support Ops member a ticket may be assigned to, or null to unassign. */
export async function assigneeNamed(ctx: SignedInContext, assigneeId: string | null): Promise<Person | null> {
  if (assigneeId === null) return null;
  const user = await findUserById(ctx.deps.db, assigneeId);
  if (!user || !isStaff(user) || user.disabledAt) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A ticket can only be assigned to a Support Ops member.' });
  return personOf(user);
}
