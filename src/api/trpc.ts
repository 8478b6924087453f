// tRPC, initialised once: the error shape clients see, and the procedure kinds every router
// builds on (public, signed-in, Support Ops, admin).
import { initTRPC, TRPCError } from '@trpc/server';
import { z, ZodError } from 'zod';
import { InvalidFieldError } from '../accounts/errors.js';
import { refusalOf } from '../tickets/errors.js';
import { MAX_BODY_LENGTH } from '../../workflows/ticket/model.js';
import { recordAdminAction } from '../accounts/admin-log.js';
import { isStaff, type UserRow } from '../accounts/users.js';
import type { Context } from './context.js';
import { toTRPCError } from './errors.js';

/** A request that has not finished by then is answered with SERVICE_UNAVAILABLE. */
const REQUEST_BUDGET_MS = 30_000;

const t = initTRPC.context<Context>().create({
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    let fieldErrors: Record<string, string[]> | null = null;
    let problem: string | null = null;
    let message = shape.message;
    if (cause instanceof ZodError) {
      fieldErrors = z.flattenError(cause).fieldErrors as Record<string, string[]>;
      // One readable sentence instead of tRPC's JSON dump of the issues.
      message = cause.issues.map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message)).join('; ');
    } else if (cause instanceof InvalidFieldError) {
      fieldErrors = { [cause.field]: [cause.message] };
      problem = cause.problem;
    } else if (error.code === 'PAYLOAD_TOO_LARGE') {
      // tRPC's own message is the bare code; say what to do about it.
      message = `The request is too large: send less text (a reply is at most ${MAX_BODY_LENGTH.toLocaleString('en')} characters).`;
    } else if (error.code === 'PARSE_ERROR') {
      message = `The request is not valid JSON: ${shape.message}`;
    }
    const { stack: _stack, ...data } = shape.data;
    // A refused transition keeps its meaning for the client, which says it in its own words.
    return { ...shape, message, data: { ...data, fieldErrors, problem, refusal: refusalOf(cause) } };
  },
});

export const router = t.router;

const mapErrors = t.middleware(async ({ next }) => {
  let timer: NodeJS.Timeout | undefined;
  const budget = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new TRPCError({ code: 'SERVICE_UNAVAILABLE', message: 'The request took too long; try again in a moment.' })),
      REQUEST_BUDGET_MS,
    );
  });
  try {
    const result = await Promise.race([next(), budget]);
    if (!result.ok) throw toTRPCError(result.error);
    return result;
  } finally {
    clearTimeout(timer);
  }
});

export const publicProcedure = t.procedure.use(mapErrors);

export const signedInProcedure = publicProcedure.use(async ({ ctx, next }) => {
  const me = await ctx.user();
  if (!me) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Sign in first.' });
  return next({ ctx: { ...ctx, me } });
});

export const staffProcedure = signedInProcedure.use(({ ctx, next }) => {
  if (!isStaff(ctx.me)) throw new TRPCError({ code: 'FORBIDDEN', message: 'Only Support Ops can do this.' });
  return next();
});

/** Admin actions that read rather than change, and still belong in the admin log. */
const LOGGED_READS = new Set(['users.exportPersonalData']);

export const adminProcedure = signedInProcedure.use(async ({ ctx, next, path, type, getRawInput }) => {
  if (ctx.me.role !== 'admin') throw new TRPCError({ code: 'FORBIDDEN', message: 'Only an admin can do this.' });
  const result = await next();
  // Recorded here, once it has succeeded: no admin action can leave the log out.
  if (result.ok && (type === 'mutation' || LOGGED_READS.has(path))) {
    await recordAdminAction(ctx.deps.db, { actorId: ctx.me.id, actorEmail: ctx.me.email, action: path, details: await getRawInput() });
  }
  return result;
});

export type SignedInContext = Context & { me: UserRow };
