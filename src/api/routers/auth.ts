// auth.*: access as the portal guide describes it. Link requests answer the same whatever the
// address, so nobody can learn from them who has an account.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { requestAccess, requestPasswordReset, setPassword, signIn } from '../../accounts/access.js';
import { MAX_PASSWORD_LENGTH } from '../../accounts/passwords.js';
import { endAllSessions, endSession } from '../../accounts/sessions.js';
import { organizationsOf, type UserRow } from '../../accounts/users.js';
import type { Database } from '../../db/client.js';
import { LANGUAGES, users } from '../../db/schema.js';
import type { ApiDeps } from '../deps.js';
import { email, text } from '../inputs.js';
import { publicProcedure, router, signedInProcedure } from '../trpc.js';

const LINK_SENT = 'If this address can use the Support desk, an e-mail with a link is on its way. The link works once.';

/** The signed-in person, as every client shows them. */
export async function meView(db: Database, user: UserRow) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    language: user.language,
    organizations: await organizationsOf(db, user.id),
  };
}

const accessDeps = (deps: ApiDeps) => ({ db: deps.db, publicUrl: deps.config.publicUrl, limits: deps.limits });

export const authRouter = router({
  /** `language`: the portal's, so that the e-mail with the link reads like the page it was asked from. */
  requestAccess: publicProcedure.input(z.object({ email, language: z.enum(LANGUAGES).optional() })).mutation(async ({ ctx, input }) => {
    await requestAccess(accessDeps(ctx.deps), input.email, ctx.client, input.language);
    return { ok: true as const, message: LINK_SENT };
  }),

  requestPasswordReset: publicProcedure.input(z.object({ email, language: z.enum(LANGUAGES).optional() })).mutation(async ({ ctx, input }) => {
    await requestPasswordReset(accessDeps(ctx.deps), input.email, ctx.client, input.language);
    return { ok: true as const, message: LINK_SENT };
  }),

  /** Follows an access or reset link: sets the password and signs in (other sessions end). */
  setPassword: publicProcedure
    .input(
      z.object({
        token: z.string().min(20).max(200),
        password: z.string().max(MAX_PASSWORD_LENGTH),
        name: text(100).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const { user, sessionSecret } = await setPassword(accessDeps(ctx.deps), input, ctx.client);
      ctx.setSessionCookie(sessionSecret);
      return { user: await meView(ctx.deps.db, user) };
    }),

  signIn: publicProcedure
    .input(z.object({ email, password: z.string().min(1).max(MAX_PASSWORD_LENGTH) }))
    .mutation(async ({ ctx, input }) => {
      const { user, sessionSecret } = await signIn(accessDeps(ctx.deps), input, ctx.client);
      ctx.setSessionCookie(sessionSecret);
      return { user: await meView(ctx.deps.db, user) };
    }),

  signOut: publicProcedure.mutation(async ({ ctx }) => {
    if (ctx.sessionSecret) await endSession(ctx.deps.db, ctx.sessionSecret);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),

  /** Ends every session of the caller, on every device. */
  signOutEverywhere: signedInProcedure.mutation(async ({ ctx }) => {
    const ended = await endAllSessions(ctx.deps.db, ctx.me.id);
    ctx.clearSessionCookie();
    return { ok: true as const, ended };
  }),

  /** The language the person reads the portal and their e-mails in, kept on the account. */
  setLanguage: signedInProcedure.input(z.object({ language: z.enum(LANGUAGES) })).mutation(async ({ ctx, input }) => {
    const [user] = await ctx.deps.db.update(users).set({ language: input.language, updatedAt: sql`now()` }).where(eq(users.id, ctx.me.id)).returning();
    return { user: await meView(ctx.deps.db, user) };
  }),

  /** The signed-in person, or null. */
  me: publicProcedure.query(async ({ ctx }) => {
    const user = await ctx.user();
    return user ? meView(ctx.deps.db, user) : null;
  }),
});
