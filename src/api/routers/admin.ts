// admin.*: the desk's administration besides people and organizations (users.*, organizations.*):
// the admin log, and who may ask for access.
import { z } from 'zod';
import { accessPolicy, setAccessPolicy } from '../../accounts/access-policy.js';
import { adminLog } from '../../accounts/admin-log.js';
import { text } from '../inputs.js';
import { adminProcedure, router } from '../trpc.js';

const domain = z
  .string()
  .trim()
  .toLowerCase()
  .transform((value) => value.replace(/^@/, ''))
  .pipe(z.string().regex(/^(?=.{1,253}$)([a-z0-9-]+\.)+[a-z0-9-]{2,}$/, 'A domain such as velo-shop.example.'));

export const adminRouter = router({
  /** Every admin action, newest first. */
  log: adminProcedure
    .input(
      z.object({
        page: z.number().int().min(1).max(10_000).default(1),
        pageSize: z.number().int().min(1).max(100).default(50),
        action: z.string().regex(/^[a-zA-Z]+\.[a-zA-Z]+$/, 'A procedure such as users.erase.').optional(),
        person: text(200).optional(),
      }),
    )
    .query(({ ctx, input }) => adminLog(ctx.deps.db, input)),

  accessPolicy: adminProcedure.query(({ ctx }) => accessPolicy(ctx.deps.db)),

  /** Anyone may ask for access, or only addresses of these domains (and their subdomains). */
  setAccessPolicy: adminProcedure
    .input(z.discriminatedUnion('mode', [z.object({ mode: z.literal('anyone') }), z.object({ mode: z.literal('domains'), domains: z.array(domain).min(1).max(200) })]))
    .mutation(({ ctx, input }) => setAccessPolicy(ctx.deps.db, input, ctx.me.id)),
});
