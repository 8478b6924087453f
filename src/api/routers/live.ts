// The live feed behind the portal's pages: a subscription (server-sent events) that says which
// tickets the caller can see have changed, so the ticket page and the lists reload them.
//
// It polls the projection, which every change goes through, instead of asking anything of the
// workflows. `updated_at` is the workflow's time of the change and the row is written a moment
// later, so each poll looks back over a window and remembers the versions it already announced.
import { and, gt, eq, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { isStaff, organizationIdsOf } from '../../accounts/users.js';
import { tickets } from '../../db/schema.js';
import { signedInProcedure, router } from '../trpc.js';
import { standingOn } from '../../tickets/access.js';

/** How often each open page's feed looks at the projection. */
export const LIVE_POLL_MS = 1_000;
/** How far back a poll looks, to catch rows written after the time they carry. */
const LOOK_BACK_MS = 60_000;
/** A bound on one poll's work, however busy the desk is. */
const MAX_ROWS_PER_POLL = 500;

/** Waits, or stops waiting when the page goes away; leaves no listener behind either way. */
const sleep = (ms: number, signal: AbortSignal | undefined) =>
  new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });

export const liveRouter = router({
  changes: signedInProcedure
    .input(z.object({ number: z.number().int().positive().optional() }).optional())
    .subscription(async function* ({ ctx, input, signal }) {
      const { db } = ctx.deps;
      const me = ctx.me;
      const staff = isStaff(me);
      const number = input?.number;
      // Memberships are read once per connection; a page reconnects often enough to pick up changes.
      const organizationIds = staff ? [] : await organizationIdsOf(db, me.id);
      const announced = new Map<number, number>();
      let first = true;

      while (!signal?.aborted) {
        const since = new Date(Date.now() - LOOK_BACK_MS);
        const conditions: SQL[] = [gt(tickets.updatedAt, since)];
        if (number !== undefined) conditions.push(eq(tickets.number, number));
        const rows = await db
          .select({
            number: tickets.number,
            version: tickets.version,
            requesterId: tickets.requesterId,
            ccIds: tickets.ccIds,
            organizationId: tickets.organizationId,
          })
          .from(tickets)
          .where(and(...conditions))
          .limit(MAX_ROWS_PER_POLL);

        const changed: number[] = [];
        const seen = new Set<number>();
        for (const row of rows) {
          seen.add(row.number);
          if (announced.get(row.number) === row.version) continue;
          announced.set(row.number, row.version);
          // The same rule as tickets.get; it reads only the columns selected above.
          if (!standingOn(me, organizationIds, row as Parameters<typeof standingOn>[2])) continue;
          changed.push(row.number);
        }
        // Forget tickets that left the window: their next change comes with a newer time anyway.
        for (const key of announced.keys()) if (!seen.has(key)) announced.delete(key);
        // The first poll only learns what the page has already loaded.
        if (!first && changed.length > 0) yield { numbers: changed };
        first = false;
        await sleep(LIVE_POLL_MS, signal);
      }
    }),
});
