// inbound.*: the e-mails the desk read from the support mailbox but would not add by itself
// (suspended: the sender or the ticket could not be trusted). Support Ops look at each one and
// release it onto a ticket, as its sender's reply, or discard it.
import { TRPCError } from '@trpc/server';
import { and, desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { InvalidFieldError } from '../../accounts/errors.js';
import { findUserByEmail } from '../../accounts/users.js';
import { inboundMessages } from '../../db/schema.js';
import { parseIncoming } from '../../mail/inbound/parse.js';
import { addReply } from '../../mail/inbound/receive.js';
import { ticketNumber } from '../inputs.js';
import { maySee } from '../../tickets/access.js';
import { router, staffProcedure, type SignedInContext } from '../trpc.js';

const byId = z.object({ id: z.number().int().positive() });

/** Why a release was refused (data.problem), for the console to say in its reader's words. */
export const RELEASE_PROBLEMS = { noTicket: 'noTicket', noAccount: 'noAccount', notOnTicket: 'notOnTicket' } as const;

async function suspendedOne(ctx: SignedInContext, id: number) {
  const [row] = await ctx.deps.db
    .select()
    .from(inboundMessages)
    .where(and(eq(inboundMessages.id, id), eq(inboundMessages.outcome, 'suspended')));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such suspended e-mail: it may have been released or discarded already.' });
  return row;
}

export const inboundRouter = router({
  /** Suspended e-mails, newest first, with why each one was kept aside. */
  suspended: staffProcedure.query(async ({ ctx }) => {
    const rows = await ctx.deps.db.select().from(inboundMessages).where(eq(inboundMessages.outcome, 'suspended')).orderBy(desc(inboundMessages.receivedAt)).limit(200);
    return rows.map((row) => ({
      id: row.id,
      from: row.fromAddress,
      subject: row.subject,
      receivedAt: row.receivedAt.toISOString(),
      reason: row.reason ?? '',
      ticketNumber: row.ticketNumber,
      body: row.body,
    }));
  }),

  /** Adds it to a ticket (the one it seemed to answer, or another) as its sender's reply. */
  release: staffProcedure.input(byId.extend({ number: ticketNumber.optional() })).mutation(async ({ ctx, input }) => {
    const row = await suspendedOne(ctx, input.id);
    const number = input.number ?? row.ticketNumber;
    if (number === null) throw new InvalidFieldError('number', 'Say which ticket this e-mail answers.', RELEASE_PROBLEMS.noTicket);
    const sender = await findUserByEmail(ctx.deps.db, row.fromAddress);
    if (!sender || sender.disabledAt) throw new InvalidFieldError('id', `${row.fromAddress} has no account: a reply needs a person on the ticket.`, RELEASE_PROBLEMS.noAccount);
    if (!(await maySee(ctx.deps.db, sender, number))) {
      throw new InvalidFieldError('number', `${row.fromAddress} does not take part in ticket #${number}: add them in CC first.`, RELEASE_PROBLEMS.notOnTicket);
    }
    if (!row.raw) throw new TRPCError({ code: 'CONFLICT', message: 'This e-mail was not kept whole, so it cannot be released.' });
    const mail = await parseIncoming(row.raw);
    // The record keeps the Message-ID it was suspended under (a mail without one got a digest).
    const result = await addReply(ctx.deps, { ...mail, messageId: row.messageId }, number, sender, null, ctx.me.id);
    if (result.outcome !== 'released') throw new TRPCError({ code: 'CONFLICT', message: `Not added: ${result.reason ?? result.outcome}.` });
    return { number };
  }),

  discard: staffProcedure.input(byId).mutation(async ({ ctx, input }) => {
    await suspendedOne(ctx, input.id);
    await ctx.deps.db
      .update(inboundMessages)
      .set({ outcome: 'discarded', raw: null, decidedBy: ctx.me.id, decidedAt: new Date() })
      .where(eq(inboundMessages.id, input.id));
    return { ok: true };
  }),
});
