// users.*: admins manage accounts; Support Ops list who tickets can be assigned to.
import { TRPCError } from '@trpc/server';
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { erasePerson } from '../../accounts/erasure.js';
import { issueLink } from '../../accounts/links.js';
import { personalData } from '../../accounts/personal-data.js';
import { endAllSessions } from '../../accounts/sessions.js';
import { addMembership, findUserByEmail, findUserById, createUser, type UserRow } from '../../accounts/users.js';
import type { Database } from '../../db/client.js';
import { memberships, USER_ROLES, users } from '../../db/schema.js';
import { isUniqueViolation } from '../errors.js';
import { email, id, text } from '../inputs.js';
import { adminProcedure, router, staffProcedure } from '../trpc.js';
import { containing } from '../../db/like.js';


async function userViews(db: Database, rows: UserRow[]) {
  const ids = rows.map((r) => r.id);
  const links = ids.length ? await db.select().from(memberships).where(inArray(memberships.userId, ids)) : [];
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    hasPassword: row.passwordHash !== null,
    disabled: row.disabledAt !== null,
    organizationIds: links.filter((l) => l.userId === row.id).map((l) => l.organizationId),
    createdAt: row.createdAt.toISOString(),
    lastSignedInAt: row.lastSignedInAt?.toISOString() ?? null,
  }));
}

async function userView(db: Database, userId: string) {
  const row = await findUserById(db, userId);
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user.' });
  return (await userViews(db, [row]))[0];
}

export const usersRouter = router({
  /** Support Ops members a ticket can be assigned to. */
  agents: staffProcedure.query(async ({ ctx }) => {
    const rows = await ctx.deps.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(users)
      .where(and(inArray(users.role, ['agent', 'admin']), sql`${users.disabledAt} is null`))
      .orderBy(asc(users.email));
    return rows;
  }),

  list: adminProcedure
    .input(
      z.object({
        search: text(100).optional(),
        role: z.enum(USER_ROLES).optional(),
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      const conditions: SQL[] = [];
      if (input.role) conditions.push(eq(users.role, input.role));
      if (input.search) {
        const pattern = containing(input.search);
        conditions.push(or(ilike(users.email, pattern), ilike(users.name, pattern)) as SQL);
      }
      const where = conditions.length ? and(...conditions) : undefined;
      const [rows, [{ total }]] = await Promise.all([
        ctx.deps.db.select().from(users).where(where).orderBy(asc(users.email)).limit(input.pageSize).offset((input.page - 1) * input.pageSize),
        ctx.deps.db.select({ total: count() }).from(users).where(where),
      ]);
      return { items: await userViews(ctx.deps.db, rows), total, page: input.page, pageSize: input.pageSize };
    }),

  /** Makes an account and e-mails its set-password link. */
  create: adminProcedure
    .input(
      z.object({
        email,
        role: z.enum(USER_ROLES),
        name: text(100).optional(),
        organizationId: id.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (await findUserByEmail(ctx.deps.db, input.email)) {
        throw new TRPCError({ code: 'CONFLICT', message: `${input.email} already has an account.` });
      }
      const user = await createUser(ctx.deps.db, input).catch((error: unknown) => {
        // Made by someone else in the meantime.
        if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: `${input.email} already has an account.` });
        throw error;
      });
      if (input.organizationId) await addMembership(ctx.deps.db, user.id, input.organizationId);
      await issueLink(ctx.deps.db, ctx.deps.config.publicUrl, 'access', user.email);
      return { user: await userView(ctx.deps.db, user.id) };
    }),

  /** Changes role or name, or disables an account (which ends its sessions). */
  update: adminProcedure
    .input(
      z.object({
        id,
        role: z.enum(USER_ROLES).optional(),
        name: text(100).nullable().optional(),
        disabled: z.boolean().optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      if (input.id === ctx.me.id && ((input.role && input.role !== 'admin') || input.disabled)) {
        throw new TRPCError({ code: 'BAD_REQUEST', message: 'Admins cannot demote or disable themselves; ask another admin.' });
      }
      await userView(ctx.deps.db, input.id);
      await ctx.deps.db
        .update(users)
        .set({
          ...(input.role ? { role: input.role } : {}),
          ...(input.name !== undefined ? { name: input.name || null } : {}),
          ...(input.disabled !== undefined ? { disabledAt: input.disabled ? sql`now()` : null } : {}),
          updatedAt: sql`now()`,
        })
        .where(eq(users.id, input.id));
      if (input.disabled) await endAllSessions(ctx.deps.db, input.id);
      return { user: await userView(ctx.deps.db, input.id) };
    }),

  /** Sends the set-password link again (a reset link once a password is set); disabled accounts get none. */
  resendLink: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    const user = await findUserById(ctx.deps.db, input.id);
    if (!user) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user.' });
    if (user.disabledAt) throw new TRPCError({ code: 'BAD_REQUEST', message: 'This account is disabled: enable it first.' });
    await issueLink(ctx.deps.db, ctx.deps.config.publicUrl, user.passwordHash ? 'reset' : 'access', user.email, user.language ?? undefined);
    return { ok: true as const };
  }),

  /** Everything the desk holds about the person, as one JSON document to download. */
  exportPersonalData: adminProcedure.input(z.object({ id })).query(async ({ ctx, input }) => {
    const data = await personalData(ctx.deps.db, input.id, ctx.deps.config.publicUrl);
    if (!data) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user.' });
    return { filename: `personal-data-${data.account.email}.json`, data };
  }),

  /**
   * Erases the person (src/accounts/erasure.ts): the account goes, and their name, address and
   * words become placeholders wherever the desk shows them. Their tickets stay, with an erased
   * requester and their history of statuses.
   */
  erase: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    if (input.id === ctx.me.id) throw new TRPCError({ code: 'BAD_REQUEST', message: 'Admins cannot erase themselves; ask another admin.' });
    const result = await erasePerson(ctx.deps.db, input.id, ctx.me.id);
    if (!result) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such user.' });
    return { tickets: result.ticketNumbers.length };
  }),

  /** Signs the user out on every device. */
  revokeSessions: adminProcedure.input(z.object({ id })).mutation(async ({ ctx, input }) => {
    await userView(ctx.deps.db, input.id);
    return { ended: await endAllSessions(ctx.deps.db, input.id) };
  }),
});
