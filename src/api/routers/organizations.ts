// organizations.*: admins manage organizations and who belongs to them; members see their own.
import { TRPCError } from '@trpc/server';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isStaff } from '../../accounts/users.js';
import { addMembership, ensureUser, organizationIdsOf } from '../../accounts/users.js';
import type { Database } from '../../db/client.js';
import { memberships, organizations, users } from '../../db/schema.js';
import { isUniqueViolation } from '../errors.js';
import { email, id, requiredText } from '../inputs.js';
import { adminProcedure, router, signedInProcedure } from '../trpc.js';

const name = requiredText(100, 'A name is required.');

async function requireOrganization(db: Database, organizationId: string) {
  const [row] = await db.select().from(organizations).where(eq(organizations.id, organizationId));
  if (!row) throw new TRPCError({ code: 'NOT_FOUND', message: 'No such organization.' });
  return row;
}


export const organizationsRouter = router({
  /** Every organization for Support Ops (they see every ticket, and filter reports by organization); one's own for anyone else. */
  list: signedInProcedure.query(async ({ ctx }) => {
    const mine = isStaff(ctx.me) ? null : await organizationIdsOf(ctx.deps.db, ctx.me.id);
    if (mine && mine.length === 0) return [];
    const rows = await ctx.deps.db
      .select({ id: organizations.id, name: organizations.name, members: sql<number>`(select count(*)::int from memberships m where m.organization_id = ${organizations.id})` })
      .from(organizations)
      .where(mine ? inArray(organizations.id, mine) : undefined)
      .orderBy(asc(organizations.name));
    return rows;
  }),

  create: adminProcedure.input(z.object({ name })).mutation(async ({ ctx, input }) => {
    try {
      const [row] = await ctx.deps.db.insert(organizations).values({ id: randomUUID(), name: input.name }).returning();
      return { id: row.id, name: row.name };
    } catch (error) {
      if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: `An organization named "${input.name}" already exists.` });
      throw error;
    }
  }),

  rename: adminProcedure.input(z.object({ id, name })).mutation(async ({ ctx, input }) => {
    await requireOrganization(ctx.deps.db, input.id);
    try {
      await ctx.deps.db.update(organizations).set({ name: input.name }).where(eq(organizations.id, input.id));
    } catch (error) {
      if (isUniqueViolation(error)) throw new TRPCError({ code: 'CONFLICT', message: `An organization named "${input.name}" already exists.` });
      throw error;
    }
    return { id: input.id, name: input.name };
  }),

  members: signedInProcedure.input(z.object({ organizationId: id })).query(async ({ ctx, input }) => {
    const mine = await organizationIdsOf(ctx.deps.db, ctx.me.id);
    if (ctx.me.role !== 'admin' && !mine.includes(input.organizationId)) {
      throw new TRPCError({ code: 'NOT_FOUND', message: 'No such organization.' });
    }
    await requireOrganization(ctx.deps.db, input.organizationId);
    return ctx.deps.db
      .select({ id: users.id, email: users.email, name: users.name, role: users.role })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organizationId, input.organizationId))
      .orderBy(asc(users.email));
  }),

  /** Adds a person by e-mail; someone without an account gets one, to request access later. */
  addMember: adminProcedure.input(z.object({ organizationId: id, email })).mutation(async ({ ctx, input }) => {
    await requireOrganization(ctx.deps.db, input.organizationId);
    const user = await ensureUser(ctx.deps.db, input.email);
    await addMembership(ctx.deps.db, user.id, input.organizationId);
    return { userId: user.id };
  }),

  removeMember: adminProcedure.input(z.object({ organizationId: id, userId: id })).mutation(async ({ ctx, input }) => {
    const removed = await ctx.deps.db
      .delete(memberships)
      .where(and(eq(memberships.organizationId, input.organizationId), eq(memberships.userId, input.userId)))
      .returning();
    if (removed.length === 0) throw new TRPCError({ code: 'NOT_FOUND', message: 'That person is not a member of this organization.' });
    return { ok: true as const };
  }),
});
