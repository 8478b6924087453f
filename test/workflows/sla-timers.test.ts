// A ticket's SLA timers against the time-skipping test server: simulated weeks of its life on the
// seeded targets over Paris office hours (9:00 to 18:00 on weekdays), each warning and breach an
// audit event at the instant computed by hand, never a millisecond early, and each a Temporal
// timer whose summary names the step. Every test has a server of its own, its clock skipped to
// the day the story starts (the server starts at today's date).
import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ticketEvents, tickets } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import type { TicketType } from '../../workflows/ticket/model.js';
import { officeSla } from '../helpers/sla.js';
import { SLOW_POLICY, agentActor, person, requesterActor } from '../helpers/stack.js';
import { skippingDesksOfFile, type SkippingDesk } from '../helpers/time-skipping.js';
import { eventually } from '../helpers/wait.js';

const at = (local: string) => Date.parse(local);
const iso = (instant: number) => new Date(instant).toISOString();
const agent = agentActor();

const desks = skippingDesksOfFile('sla_timers', 4_000_000_000);

/** A desk on a time-skipping server whose clock reads `start`. */
async function deskAt(start: string): Promise<SkippingDesk> {
  const skipping = await desks.start({ policy: SLOW_POLICY, sla: officeSla });
  expect(await skipping.now()).toBeLessThan(at(start));
  await skipping.skipTo(at(start));
  return skipping;
}

/** The ticket's projection row. */
async function rowOf(desk: SkippingDesk, number: number) {
  const [row] = await desk.db.select().from(tickets).where(eq(tickets.number, number));
  return row;
}

async function create(desk: SkippingDesk, type: TicketType) {
  const requester = person('requester');
  const { number } = await desk.desk.create({ requestId: randomUUID(), type, subject: 'Dock 4 will not release bikes', description: 'Since this morning.', requester, organizationId: null, ccs: [], followUpOf: null });
  return { number, requester };
}

/**
 * The ticket's warnings and breaches as the audit trail has them: the step's own instant (a
 * warning's `at`, a breach's `dueAt`) and when the timer fired (the event's time).
 */
async function slaSteps(desk: SkippingDesk, number: number): Promise<Array<{ step: string; instant: string; firedAt: number }>> {
  await desk.desk.sync(number);
  const rows = await desk.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketNumber, number), inArray(ticketEvents.kind, ['sla_warning', 'sla_breached'])))
    .orderBy(asc(ticketEvents.seq));
  return rows.map((row) => ({ step: `${row.kind} ${String(row.data.target)}`, instant: iso(Number(row.kind === 'sla_warning' ? row.data.at : row.data.dueAt)), firedAt: row.at.getTime() }));
}

const stepsOf = async (desk: SkippingDesk, number: number) => (await slaSteps(desk, number)).map(({ step, instant }) => [step, instant]);

/**
 * A second before `instant` the step has not come; skipped to it, it comes: recorded at that
 * instant, its timer fired at it or just after (the server's clock also runs while the worker works),
 * never before.
 */
async function expectStepAt(desk: SkippingDesk, number: number, step: string, instant: number): Promise<void> {
  await desk.skipTo(instant - 1000);
  expect((await slaSteps(desk, number)).map((s) => s.step)).not.toContain(step);
  await desk.skipTo(instant);
  const found = await eventually(async () => {
    const match = (await slaSteps(desk, number)).find((s) => s.step === step);
    expect(match).toBeDefined();
    return match!;
  }, { timeoutMs: 10_000, intervalMs: 50 });
  expect(found.instant).toBe(iso(instant));
  expect(found.firedAt).toBeGreaterThanOrEqual(instant);
  expect(found.firedAt - instant).toBeLessThan(2_000);
}

async function timerSummaries(desk: SkippingDesk, number: number): Promise<string[]> {
  const history = await desk.env.client.workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
  const summaries: string[] = [];
  for (const event of history.events ?? []) {
    const data = event.timerStartedEventAttributes ? event.userMetadata?.summary?.data : undefined;
    if (data) summaries.push(JSON.parse(Buffer.from(data).toString('utf8')));
  }
  return summaries;
}

describe('SLA timers over simulated weeks', () => {
  it('a Hardware issue created on Friday evening: first-reply warning and breach on Monday, next-reply targets across replies, then resolution, each at its instant', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-04T18:30:00+01:00');
    const { number, requester } = await create(desk, 'hardware_issue');
    const row = await rowOf(desk, number);
    expect(iso(row.firstReplyDueAt.getTime())).toBe(iso(at('2026-12-07T17:00:00+01:00')));
    // Thursday 12:00 is 30 of the 40 business hours, Friday 13:00 all of them.
    expect(row.resolutionDueAt?.toISOString()).toBe(iso(at('2026-12-11T13:00:00+01:00')));
    expect(row.nextReplyDueAt).toBeNull();

    // Nothing over the weekend; 6 of the 8 business hours at Monday 15:00, all 8 at 17:00.
    await expectStepAt(desk, number, 'sla_warning firstReply', at('2026-12-07T15:00:00+01:00'));
    await expectStepAt(desk, number, 'sla_breached firstReply', at('2026-12-07T17:00:00+01:00'));

    // Tuesday before opening: the (late) first reply, and the requester's answer; its next reply
    // counts from 9:00 and is met at 14:00, before its warning (15:00).
    await desk.skipTo(at('2026-12-08T08:00:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: agent, body: 'Sorry for the wait: which dock?' });
    await desk.skipTo(at('2026-12-08T08:30:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Dock 4' });
    const waiting = await rowOf(desk, number);
    expect(waiting.nextReplyDueAt?.toISOString()).toBe(iso(at('2026-12-08T17:00:00+01:00')));
    await desk.skipTo(at('2026-12-08T14:00:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: agent, body: 'A technician is on the way.' });
    // Tuesday evening: a new next-reply target, from Wednesday 9:00, warned at 15:00, due at 17:00.
    await desk.skipTo(at('2026-12-08T19:00:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Nobody came' });
    await expectStepAt(desk, number, 'sla_warning nextReply', at('2026-12-09T15:00:00+01:00'));
    await expectStepAt(desk, number, 'sla_breached nextReply', at('2026-12-09T17:00:00+01:00'));
    await expectStepAt(desk, number, 'sla_warning resolution', at('2026-12-10T12:00:00+01:00'));
    await expectStepAt(desk, number, 'sla_breached resolution', at('2026-12-11T13:00:00+01:00'));

    await desk.skipTo(at('2026-12-14T09:00:00+01:00'));
    expect(await stepsOf(desk, number)).toEqual([
      ['sla_warning firstReply', iso(at('2026-12-07T15:00:00+01:00'))],
      ['sla_breached firstReply', iso(at('2026-12-07T17:00:00+01:00'))],
      ['sla_warning nextReply', iso(at('2026-12-09T15:00:00+01:00'))],
      ['sla_breached nextReply', iso(at('2026-12-09T17:00:00+01:00'))],
      ['sla_warning resolution', iso(at('2026-12-10T12:00:00+01:00'))],
      ['sla_breached resolution', iso(at('2026-12-11T13:00:00+01:00'))],
    ]);
    const summaries = await timerSummaries(desk, number);
    for (const summary of ['First-reply SLA target: warning at 75 %', 'First-reply SLA target: breach', 'Next-reply SLA target: breach', 'Resolution SLA target: warning at 75 %', 'Resolution SLA target: breach']) {
      expect(summaries).toContain(summary);
    }
  });

  it('time in Pending does not count toward resolution: a Software issue waiting for the requester is due as many business days later', async () => {
    // Before opening on Monday: the first reply asks for more and sets Pending; nothing has counted yet.
    const desk = await deskAt('2026-12-07T08:00:00+01:00');
    const { number, requester } = await create(desk, 'software_issue');
    await desk.skipTo(at('2026-12-07T08:30:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: agent, body: 'Which version of the app?', status: 'pending' });
    const pending = await rowOf(desk, number);
    expect(pending.resolutionDueAt).toBeNull();
    // The answer on Tuesday evening: resolution counts from Wednesday 9:00 (Monday and Tuesday
    // in Pending left out; without them it would be due on Friday 11 December at 13:00).
    await desk.skipTo(at('2026-12-08T20:00:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Version 4.2' });
    const open = await rowOf(desk, number);
    expect(open.resolutionDueAt?.toISOString()).toBe(iso(at('2026-12-15T13:00:00+01:00')));
    await desk.skipTo(at('2026-12-09T08:00:00+01:00'));
    await desk.desk.send(number, 'reply', { actor: agent, body: 'Thanks, looking into it.' });
    // 30 of the 40 business hours: Wednesday to Friday (27 h) and 3 h on Monday 14; all 40 on Tuesday 15 at 13:00.
    await expectStepAt(desk, number, 'sla_warning resolution', at('2026-12-14T12:00:00+01:00'));
    await expectStepAt(desk, number, 'sla_breached resolution', at('2026-12-15T13:00:00+01:00'));
    expect(await stepsOf(desk, number)).toEqual([
      ['sla_warning resolution', iso(at('2026-12-14T12:00:00+01:00'))],
      ['sla_breached resolution', iso(at('2026-12-15T13:00:00+01:00'))],
    ]);
  });

  it('a Critical / SEV ticket at 3 a.m. on a Sunday counts calendar time: warned at 3:45, breached at 4:00', async () => {
    const desk = await deskAt('2026-12-06T03:00:00+01:00');
    const { number } = await create(desk, 'critical');
    // Counted from the creation's own millisecond (a moment after 3:00 on the server's clock).
    const created = (await desk.desk.state(number)).createdAt;
    expect(created - at('2026-12-06T03:00:00+01:00')).toBeLessThan(1_000);
    await expectStepAt(desk, number, 'sla_warning firstReply', created + 45 * 60_000);
    await expectStepAt(desk, number, 'sla_breached firstReply', created + 60 * 60_000);
  });

  it('a ticket created on the Friday evening before the spring DST change is due on Monday at 17:00 summer time', async () => {
    const desk = await deskAt('2027-03-26T19:00:00+01:00');
    const { number } = await create(desk, 'hardware_issue');
    await expectStepAt(desk, number, 'sla_warning firstReply', at('2027-03-29T15:00:00+02:00'));
    await expectStepAt(desk, number, 'sla_breached firstReply', at('2027-03-29T17:00:00+02:00'));
  });
});
