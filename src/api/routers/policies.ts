// policies.*: SLA policies, lifecycle durations and business-hours calendars. Support Ops read them
// (with who saved each version); admins save new versions, each based on the version they read,
// and each save is in the admin log. A bad value is refused with its field, and nothing is written.
import { z } from 'zod';
import { applySlaToOpenTickets } from '../../policies/apply-to-open.js';
import { actorOf } from '../../tickets/access.js';
import { calendarId, calendarInput, escalationInput, lifecycleInput, slaTargetsInput } from '../../policies/inputs.js';
import {
  calendarHistory,
  currentCalendars,
  currentLifecycle,
  currentSla,
  ensurePoliciesSeeded,
  lifecycleHistory,
  saveCalendar,
  saveLifecycleDurations,
  saveSlaPolicy,
  slaHistory,
} from '../../policies/store.js';
import type { SlaTargets } from '../../../workflows/sla/policy.js';
import { adminProcedure, router, staffProcedure } from '../trpc.js';
import type { Context } from '../context.js';

const basedOn = z.number().int().min(1);
const seeded = (ctx: Context) => ensurePoliciesSeeded(ctx.deps.db, ctx.deps.config.policySeed);

export const policiesRouter = router({
  /** The versions in force: SLA targets, lifecycle durations, every calendar. */
  current: staffProcedure.query(async ({ ctx }) => {
    await seeded(ctx);
    const [sla, lifecycle, calendars] = await Promise.all([currentSla(ctx.deps.db), currentLifecycle(ctx.deps.db), currentCalendars(ctx.deps.db)]);
    return { sla, lifecycle, calendars };
  }),

  /** Earlier versions too, newest first, with who saved each. */
  history: staffProcedure.input(z.object({ calendarId: calendarId.optional() }).default({})).query(async ({ ctx, input }) => {
    await seeded(ctx);
    const [sla, lifecycle, calendars] = await Promise.all([slaHistory(ctx.deps.db), lifecycleHistory(ctx.deps.db), calendarHistory(ctx.deps.db, input.calendarId)]);
    return { sla, lifecycle, calendars };
  }),

  /** New targets; `escalation` (the warning's share, whether On-hold counts) stays as it was unless given. */
  setSla: adminProcedure.input(z.object({ basedOn, targets: slaTargetsInput, escalation: escalationInput.optional() })).mutation(async ({ ctx, input }) => {
    await seeded(ctx);
    return saveSlaPolicy(ctx.deps.db, { basedOn: input.basedOn, targets: input.targets as SlaTargets, escalation: input.escalation }, ctx.me.id);
  }),

  setLifecycle: adminProcedure.input(z.object({ basedOn, durations: lifecycleInput })).mutation(async ({ ctx, input }) => {
    await seeded(ctx);
    return saveLifecycleDurations(ctx.deps.db, { basedOn: input.basedOn, ...input.durations }, ctx.me.id);
  }),

  /**
   * Applies the SLA policy version in force (the one the admin read) to every open ticket: an
   * Update per ticket, in its audit trail; a result per ticket.
   */
  applySlaToOpen: adminProcedure.input(z.object({ version: basedOn })).mutation(async ({ ctx, input }) => {
    await seeded(ctx);
    return applySlaToOpenTickets({ db: ctx.deps.db, desk: ctx.deps.desk, seed: ctx.deps.config.policySeed }, { version: input.version, actor: actorOf(ctx.me), userId: ctx.me.id });
  }),

  /** A new calendar (basedOn null) or a new version of one. */
  setCalendar: adminProcedure.input(z.object({ calendarId, basedOn: basedOn.nullable(), calendar: calendarInput })).mutation(async ({ ctx, input }) => {
    await seeded(ctx);
    return saveCalendar(ctx.deps.db, input, ctx.me.id);
  }),
});
