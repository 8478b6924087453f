// The satisfaction survey against the time-skipping test server: days of a ticket's life in
// seconds. The survey goes out a day after Solved, at that instant and never before, once per
// solve, with a one-time link in its e-mail; never for a ticket closed because a Pending request
// went unanswered; a reopen and a new Solved ask again, and an answer is refused for a solve since
// reopened, for a survey answered already and once the ticket is Closed.
import { randomUUID } from 'node:crypto';
import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { notifications, satisfactionLinks, ticketEvents } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketGoneError, TicketRefusedError } from '../../src/tickets/errors.js';
import { DEFAULT_POLICY, type TicketPolicy } from '../../workflows/ticket/model.js';
import { officeSla } from '../helpers/sla.js';
import { agentActor, person, requesterActor } from '../helpers/stack.js';
import { skippingDesksOfFile, type SkippingDesk } from '../helpers/time-skipping.js';
import { eventually } from '../helpers/wait.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const at = (local: string) => Date.parse(local);
const agent = agentActor();
const POLICY: TicketPolicy = { ...DEFAULT_POLICY, satisfaction: { delayMs: DAY, badRatingNotifiesOps: true } };

const desks = skippingDesksOfFile('satisfaction_timers', 4_100_000_000);

async function deskAt(start: string): Promise<SkippingDesk> {
  const skipping = await desks.start({ policy: POLICY, sla: officeSla });
  await skipping.skipTo(at(start));
  return skipping;
}

async function create(desk: SkippingDesk) {
  const requester = person('requester');
  const { number } = await desk.desk.create({ requestId: randomUUID(), type: 'software_issue', subject: 'Till printer offline', description: 'Since this morning.', requester, organizationId: null, ccs: [], followUpOf: null });
  return { number, requester };
}

async function eventsOf(desk: SkippingDesk, number: number, kind: string) {
  await desk.desk.sync(number);
  return desk.db
    .select()
    .from(ticketEvents)
    .where(and(eq(ticketEvents.ticketNumber, number), eq(ticketEvents.kind, kind as never)))
    .orderBy(asc(ticketEvents.seq));
}

const mailsOf = (desk: SkippingDesk, number: number) => desk.db.select().from(notifications).where(eq(notifications.ticketNumber, number)).orderBy(asc(notifications.id));

/** A second before `instant` the survey has not gone out; skipped to it, it has, at that instant or just after. */
async function expectSurveyAt(desk: SkippingDesk, number: number, instant: number, already = 0): Promise<number> {
  await desk.skipTo(instant - 1000);
  expect(await eventsOf(desk, number, 'satisfaction_requested')).toHaveLength(already);
  await desk.skipTo(instant);
  const asked = await eventually(
    async () => {
      const rows = await eventsOf(desk, number, 'satisfaction_requested');
      expect(rows).toHaveLength(already + 1);
      return rows.at(-1)!;
    },
    { timeoutMs: 10_000, intervalMs: 50 },
  );
  expect(asked.at.getTime()).toBeGreaterThanOrEqual(instant);
  expect(asked.at.getTime() - instant).toBeLessThan(2_000);
  return asked.seq;
}

describe('the satisfaction survey over simulated days', () => {
  it('goes out a day after Solved with a one-time link; the requester answers once; Closed four days after Solved', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-07T09:00:00+01:00');
    const { number, requester } = await create(desk);
    await desk.skipTo(at('2026-12-07T10:00:00+01:00'));
    const solved = await desk.desk.send(number, 'reply', { actor: agent, body: 'The printer driver is reinstalled.', status: 'solved' });

    const survey = await expectSurveyAt(desk, number, solved.statusChangedAt + DAY);
    const mail = (await mailsOf(desk, number)).find((row) => row.kind === 'satisfaction_survey');
    expect(mail).toMatchObject({ recipient: requester.email, recipientId: requester.id, payload: { token: expect.any(String) } });
    const [link] = await desk.db.select().from(satisfactionLinks).where(eq(satisfactionLinks.ticketNumber, number));
    expect(link).toMatchObject({ survey, requesterId: requester.id, usedAt: null });
    // Only its hash is kept.
    expect(link.tokenHash).not.toBe(mail!.payload.token);

    await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey, rating: 'bad', comment: 'It took two days.' });
    expect((await eventsOf(desk, number, 'satisfaction_rated')).map((e) => e.data)).toEqual([{ survey, rating: 'bad', comment: 'It took two days.' }]);
    const bad = (await mailsOf(desk, number)).find((row) => row.kind === 'satisfaction_bad');
    expect(bad).toMatchObject({ recipient: 'support-ops', payload: { message: { body: 'It took two days.' } } });
    const again = await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey, rating: 'good' }).catch((error: unknown) => error);
    expect(again).toBeInstanceOf(TicketRefusedError);
    expect((again as Error).message).toContain('already been rated');

    // The close comes at its own instant, with no second survey.
    const closeAt = solved.statusChangedAt + POLICY.solvedAutoCloseMs;
    await desk.skipTo(closeAt);
    await eventually(async () => expect((await desk.desk.state(number).catch(() => null))?.status ?? 'closed').toBe('closed'), { timeoutMs: 10_000, intervalMs: 50 });
    const closed = (await desk.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, number))).find((e) => e.toStatus === 'closed');
    expect(closed?.at.getTime()).toBeGreaterThanOrEqual(closeAt);
    expect((await desk.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, number), eq(ticketEvents.kind, 'satisfaction_requested'))))).toHaveLength(1);
    // A link once the ticket is Closed: refused, as the ticket has ended.
    const late = await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey, rating: 'good' }).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(TicketGoneError);

    const history = await desk.env.client.workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
    const summaries = (history.events ?? []).flatMap((event) => {
      const data = event.timerStartedEventAttributes ? event.userMetadata?.summary?.data : undefined;
      return data ? [JSON.parse(Buffer.from(data).toString('utf8')) as string] : [];
    });
    expect(summaries).toContain('Ask the requester: satisfaction survey');
  });

  it('is not sent for a ticket closed because a Pending request went unanswered', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-07T09:00:00+01:00');
    const { number } = await create(desk);
    const pending = await desk.desk.send(number, 'reply', { actor: agent, body: 'Which shop is it?', status: 'pending' });
    await desk.skipTo(pending.statusChangedAt + POLICY.pendingAutoCloseMs + DAY * 2);
    await eventually(async () => expect((await mailsOf(desk, number)).map((row) => row.kind)).toContain('ticket_closed'), { timeoutMs: 10_000, intervalMs: 50 });
    const kinds = (await desk.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, number))).map((e) => e.kind);
    expect(kinds).not.toContain('satisfaction_requested');
    expect((await mailsOf(desk, number)).map((row) => row.kind)).not.toContain('satisfaction_survey');
    expect(await desk.db.select().from(satisfactionLinks).where(eq(satisfactionLinks.ticketNumber, number))).toEqual([]);
  });

  it('a reopen ends the survey of that solve; a new Solved asks again, a day after it', { timeout: 120_000 }, async () => {
    const desk = await deskAt('2026-12-07T09:00:00+01:00');
    const { number, requester } = await create(desk);
    const first = await desk.desk.send(number, 'reply', { actor: agent, body: 'Reinstalled.', status: 'solved' });
    const oldSurvey = await expectSurveyAt(desk, number, first.statusChangedAt + DAY);

    await desk.skipTo(first.statusChangedAt + DAY + 2 * HOUR);
    await desk.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'It is offline again.' });
    const reopened = await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey: oldSurvey, rating: 'good' }).catch((error: unknown) => error);
    expect(reopened).toBeInstanceOf(TicketRefusedError);
    expect((reopened as Error).message).toContain('reopened');

    await desk.skipTo(first.statusChangedAt + DAY + 4 * HOUR);
    const second = await desk.desk.send(number, 'reply', { actor: agent, body: 'The cable was loose.', status: 'solved' });
    const newSurvey = await expectSurveyAt(desk, number, second.statusChangedAt + DAY, 1);
    expect(newSurvey).toBeGreaterThan(oldSurvey);
    const stale = await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey: oldSurvey, rating: 'good' }).catch((error: unknown) => error);
    expect(stale).toBeInstanceOf(TicketRefusedError);
    await desk.desk.send(number, 'rate', { actor: requesterActor(requester), survey: newSurvey, rating: 'good' });
    expect((await eventsOf(desk, number, 'satisfaction_rated')).map((e) => e.data)).toEqual([{ survey: newSurvey, rating: 'good', comment: '' }]);
    expect((await mailsOf(desk, number)).filter((row) => row.kind === 'satisfaction_survey')).toHaveLength(2);
    // A good rating tells nobody.
    expect((await mailsOf(desk, number)).map((row) => row.kind)).not.toContain('satisfaction_bad');
  });
});
