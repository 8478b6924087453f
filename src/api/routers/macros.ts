// macros.*: canned replies, Support Ops' shared set. Anyone in Support Ops (agents and admins)
// keeps them: a title, a text in English and in French with placeholders (src/tickets/macros.ts),
// and actions (status, priority, tags, assignee). `render` fills one in for a ticket, for the agent
// to review; `send` sends the reviewed text and every action as one reply (one Update): they land
// together or not at all.
import { TRPCError } from '@trpc/server';
import { asc, count, desc, eq, max, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { findUserById, isStaff, personOf, type UserRow } from '../../accounts/users.js';
import type { Database } from '../../db/client.js';
import { LANGUAGES, macros, macroUses, users, type Language, type MacroActions } from '../../db/schema.js';
import { bodyIn, fillTemplate, PLACEHOLDERS, unknownPlaceholders } from '../../tickets/macros.js';
import { MAX_BODY_LENGTH, SETTABLE_STATUSES, TICKET_PRIORITIES, type Person } from '../../../workflows/ticket/model.js';
import { isUniqueViolation } from '../errors.js';
import { id, requestId, requiredText, seenVersion, tagList, text, ticketNumber } from '../inputs.js';
import { send, ticketToAct } from '../ticket-actions.js';
import { visibleTicket } from '../../tickets/access.js';
import { router, staffProcedure, type SignedInContext } from '../trpc.js';

/** Whoever applies the canned reply, as its assignee. */
export const ASSIGN_TO_ME = '@me';

const template = text(MAX_BODY_LENGTH).superRefine((body, context) => {
  const unknown = unknownPlaceholders(body);
  if (unknown.length) context.addIssue({ code: 'custom', message: `Unknown placeholder ${unknown.map((name) => `{{${name}}}`).join(', ')}; use ${Object.keys(PLACEHOLDERS).map((name) => `{{${name}}}`).join(', ')}.` });
});

const actions = z
  .object({
    status: z.enum(SETTABLE_STATUSES).optional(),
    priority: z.enum(TICKET_PRIORITIES).optional(),
    addTags: tagList.optional(),
    removeTags: tagList.optional(),
    /** A Support Ops member's id, "@me" (whoever applies it), or null (unassign). */
    assignee: z.union([id, z.literal(ASSIGN_TO_ME), z.null()]).optional(),
  })
  .strict();

const fields = z.object({
  title: requiredText(100, 'A canned reply needs a title.'),
  body: z.object({ en: template.default(''), fr: template.default('') }).refine((body) => body.en.length > 0 || body.fr.length > 0, { message: 'Write the text in English, in French, or both.', path: ['en'] }),
  actions: actions.default({}),
});

type MacroRow = typeof macros.$inferSelect;

function macroView(row: MacroRow, usage: { uses: number; lastUsedAt: Date | null }) {
  return {
    id: row.id,
    title: row.title,
    body: { en: row.bodyEn, fr: row.bodyFr },
    actions: row.actions,
    usageCount: usage.uses,
    lastUsedAt: usage.lastUsedAt?.toISOString() ?? null,
    createdBy: row.createdBy,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

async function findMacro(db: Database, macroId: string): Promise<MacroRow> {
  const [row] = await db.select().from(macros).where(eq(macros.id, macroId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such canned reply.' });
  return row;
}

async function usageOf(db: Database, macroId: string) {
  const [usage] = await db.select({ uses: count(), lastUsedAt: max(macroUses.usedAt) }).from(macroUses).where(eq(macroUses.macroId, macroId));
  return usage;
}

/** Whom the canned reply assigns the ticket to, when it does; refuses one who can no longer take tickets. */
async function assigneeOf(db: Database, me: UserRow, assignee: MacroActions['assignee']): Promise<{ assignee?: Person | null }> {
  if (assignee === undefined) return {};
  if (assignee === null) return { assignee: null };
  const user = assignee === ASSIGN_TO_ME ? me : await findUserById(db, assignee);
  if (!user || !isStaff(user) || user.disabledAt) {
    throw new TRPCError({ code: 'BAD_REQUEST', message: 'This canned reply assigns tickets to someone who is no longer in Support Ops: change its assignee first.' });
  }
  return { assignee: personOf(user) };
}

/** The canned reply filled in for this ticket, in the requester's language unless another is asked. */
async function rendered(ctx: SignedInContext, macro: MacroRow, number: number, asked: Language | undefined) {
  const { row } = await visibleTicket(ctx.deps.db, ctx.me, number);
  const [requester] = await ctx.deps.db.select({ language: users.language }).from(users).where(eq(users.id, row.requesterId));
  const wanted = asked ?? requester?.language ?? ctx.deps.config.DEFAULT_LANGUAGE;
  const { language, template: body } = bodyIn({ en: macro.bodyEn, fr: macro.bodyFr }, wanted);
  const filled = fillTemplate(body, {
    requester: { email: row.requesterEmail, name: row.requesterName },
    agent: { email: ctx.me.email, name: ctx.me.name },
    ticket: { number: row.number, subject: row.subject },
  });
  return { row, language, body: filled.slice(0, MAX_BODY_LENGTH) };
}

export const macrosRouter = router({
  /** Every canned reply, the most used first. */
  list: staffProcedure.query(async ({ ctx }) => {
    const usage = ctx.deps.db
      .select({ macroId: macroUses.macroId, uses: count().as('uses'), lastUsedAt: max(macroUses.usedAt).as('last_used_at') })
      .from(macroUses)
      .groupBy(macroUses.macroId)
      .as('usage');
    const rows = await ctx.deps.db
      .select({ macro: macros, uses: sql<number>`coalesce(${usage.uses}, 0)::int`, lastUsedAt: usage.lastUsedAt })
      .from(macros)
      .leftJoin(usage, eq(usage.macroId, macros.id))
      .orderBy(desc(sql`coalesce(${usage.uses}, 0)`), asc(macros.title));
    return rows.map((r) => macroView(r.macro, { uses: r.uses, lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : null }));
  }),

  /** The placeholders a text may hold, with what each says. */
  placeholders: staffProcedure.query(() => Object.entries(PLACEHOLDERS).map(([name, meaning]) => ({ name, token: `{{${name}}}`, meaning }))),

  create: staffProcedure.input(fields).mutation(async ({ ctx, input }) => {
    try {
      const [row] = await ctx.deps.db
        .insert(macros)
        .values({ id: randomUUID(), title: input.title, bodyEn: input.body.en, bodyFr: input.body.fr, actions: input.actions, createdBy: ctx.me.id, updatedBy: ctx.me.id })
        .returning();
      return macroView(row, { uses: 0, lastUsedAt: null });
    } catch (error) {
      if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: `A canned reply is already called "${input.title}".` });
      throw error;
    }
  }),

  /** Changes what is given; the rest stays. */
  update: staffProcedure.input(fields.partial().extend({ id })).mutation(async ({ ctx, input }) => {
    await findMacro(ctx.deps.db, input.id);
    try {
      const [row] = await ctx.deps.db
        .update(macros)
        .set({
          ...(input.title !== undefined ? { title: input.title } : {}),
          ...(input.body !== undefined ? { bodyEn: input.body.en, bodyFr: input.body.fr } : {}),
          ...(input.actions !== undefined ? { actions: input.actions } : {}),
          updatedBy: ctx.me.id,
          updatedAt: sql`now()`,
        })
        .where(eq(macros.id, input.id))
        .returning();
      return macroView(row, await usageOf(ctx.deps.db, row.id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: `A canned reply is already called "${input.title}".` });
      throw error;
    }
  }),

  remove: staffProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const deleted = await ctx.deps.db.delete(macros).where(eq(macros.id, input.id)).returning({ id: macros.id });
    if (deleted.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'There is no such canned reply.' });
    return { removed: input.id };
  }),

  /**
   * The canned reply filled in for a ticket, for the agent to review before sending: its text in
   * the requester's language (`language` to choose), and what its actions would do, assignee named.
   */
  render: staffProcedure.input(z.object({ id, number: ticketNumber, language: z.enum(LANGUAGES).optional() })).query(async ({ ctx, input }) => {
    const macro = await findMacro(ctx.deps.db, input.id);
    const { language, body } = await rendered(ctx, macro, input.number, input.language);
    const { assignee, ...rest } = macro.actions;
    return { macroId: macro.id, title: macro.title, language, body, actions: { ...rest, ...(await assigneeOf(ctx.deps.db, ctx.me, assignee)) } };
  }),

  /**
   * Sends the canned reply to the ticket: `body` as the agent reviewed it (rendered when absent),
   * public or an internal note, and every action of the canned reply, in one Update. A refusal of
   * any part refuses the whole, and nothing is recorded. Counts one use per request id.
   * `seenVersion` as for tickets.reply: a stale send is refused (CONFLICT, refusal "stale").
   */
  send: staffProcedure
    .input(
      z.object({ id, number: ticketNumber, requestId, body: text(MAX_BODY_LENGTH).optional(), internal: z.boolean().optional(), language: z.enum(LANGUAGES).optional(), seenVersion: seenVersion.optional() }),
    )
    .mutation(async ({ ctx, input }) => {
      const macro = await findMacro(ctx.deps.db, input.id);
      const { status, priority, addTags, removeTags, assignee } = macro.actions;
      const row = await ticketToAct(ctx, input.number, { type: 'reply', internal: input.internal, status, actions: true });
      const body = input.body ?? (await rendered(ctx, macro, row.number, input.language)).body;
      if (body.trim().length === 0) throw new TRPCError({ code: 'BAD_REQUEST', message: 'A reply needs some text.' });
      const reply = {
        body,
        ...(input.internal ? { internal: true } : {}),
        ...(status ? { status } : {}),
        ...(priority ? { priority } : {}),
        ...(addTags?.length ? { addTags } : {}),
        ...(removeTags?.length ? { removeTags } : {}),
        ...(await assigneeOf(ctx.deps.db, ctx.me, assignee)),
        macro: { id: macro.id, title: macro.title },
        ...(input.seenVersion !== undefined ? { seenVersion: input.seenVersion } : {}),
      };
      const answer = await send(ctx, row.number, 'reply', reply, input.requestId);
      await ctx.deps.db.insert(macroUses).values({ userId: ctx.me.id, requestId: input.requestId, macroId: macro.id, ticketNumber: row.number }).onConflictDoNothing();
      return answer;
    }),
});
