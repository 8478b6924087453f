// presence.*: who else of Support Ops is on a ticket, so that two agents do not answer the same
// question at once. The agent's ticket page sends `heartbeat` every heartbeatMs (viewing, or
// replying while the reply box holds text) and `leave` when it closes; `heartbeat` answers with the
// others, as `list` does. Support Ops only, on tickets they may see.
import { z } from 'zod';
import { PRESENCE_ACTIVITIES } from '../../db/schema.js';
import { ticketNumber } from '../inputs.js';
import { heartbeat, leave, PRESENCE_HEARTBEAT_MS, PRESENCE_TTL_MS, presentOn } from '../presence.js';
import { visibleTicket } from '../../tickets/access.js';
import { router, staffProcedure } from '../trpc.js';

const onTicket = z.object({ number: ticketNumber });

export const presenceRouter = router({
  heartbeat: staffProcedure.input(onTicket.extend({ activity: z.enum(PRESENCE_ACTIVITIES).default('viewing') })).mutation(async ({ ctx, input }) => {
    const { row } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    await heartbeat(ctx.deps.db, row.number, ctx.me.id, input.activity);
    return { others: await presentOn(ctx.deps.db, row.number, ctx.me.id), heartbeatMs: PRESENCE_HEARTBEAT_MS, ttlMs: PRESENCE_TTL_MS };
  }),

  leave: staffProcedure.input(onTicket).mutation(async ({ ctx, input }) => {
    await leave(ctx.deps.db, input.number, ctx.me.id);
    return { left: input.number };
  }),

  list: staffProcedure.input(onTicket).query(async ({ ctx, input }) => {
    const { row } = await visibleTicket(ctx.deps.db, ctx.me, input.number);
    return presentOn(ctx.deps.db, row.number, ctx.me.id);
  }),
});
