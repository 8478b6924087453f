// The satisfaction survey through the API, as the link in its e-mail reaches it: no sign-in, the
// link's secret the only credential. The answer lands on the ticket once (an audit event Support
// Ops read, never CC'd users); a second answer, a solve since reopened, an unknown link and bad
// input are refused with a clear error, and nothing changes.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personOf } from '../../src/accounts/users.js';
import { notifications } from '../../src/db/schema.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
beforeAll(async () => {
  // The survey a second after Solved, the close days later: it can be answered within the test.
  api = await startApi({ policy: { ...SLOW_POLICY, satisfaction: { delayMs: 1_000, badRatingNotifiesOps: true } } });
});
afterAll(async () => api?.close());

/** A ticket solved by an agent, and the secret of its survey's link once it has gone out. */
async function solvedAndAsked() {
  const requester = await api.signedIn({ label: 'requester' });
  const agent = await api.signedIn({ role: 'agent' });
  const cc = await api.signedIn({ label: 'cc' });
  const { number } = await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Till printer offline', description: 'Shop 3', ccEmails: [cc.user.email], requestId: requestId() });
  await agent.api.tickets.reply.mutate({ number, body: 'Driver reinstalled.', status: 'solved' });
  return { number, requester, agent, cc, token: await surveyToken(number) };
}

async function surveyToken(number: number, after = 0): Promise<string> {
  return eventually(async () => {
    const rows = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_survey')));
    expect(rows.length).toBeGreaterThan(after);
    return String(rows.at(-1)!.payload.token);
  }, { timeoutMs: 10_000 });
}

describe('the satisfaction survey', () => {
  it('is answered once from its link without signing in: Support Ops read it in the audit trail, CC\u2019d users do not', async () => {
    const { number, requester, agent, cc, token } = await solvedAndAsked();
    const anyone = api.client();
    expect(await anyone.satisfaction.survey.query({ token })).toEqual({ number, subject: 'Till printer offline', state: 'open', rating: null });

    const answered = await anyone.satisfaction.rate.mutate({ token, rating: 'good', comment: '  Fixed in minutes.  ' });
    expect(answered).toEqual({ number, subject: 'Till printer offline', state: 'answered', rating: 'good' });
    const read = await agent.api.tickets.get.query({ number });
    expect(read.ticket.status).toBe('solved');
    expect(read.workEvents.find((e) => e.kind === 'satisfaction_rated')).toMatchObject({ actor: { kind: 'requester', id: requester.user.id }, data: { rating: 'good', comment: 'Fixed in minutes.' } });
    expect(read.workEvents.map((e) => e.kind)).toContain('satisfaction_requested');
    const theirs = await cc.api.tickets.get.query({ number });
    expect(JSON.stringify(theirs)).not.toContain('Fixed in minutes.');

    const again = await failure(anyone.satisfaction.rate.mutate({ token, rating: 'bad' }));
    expect(again.data?.code).toBe('CONFLICT');
    expect(again.message).toContain('already been rated');
    expect((await agent.api.tickets.get.query({ number })).ticket.version).toBe(read.ticket.version);
  });

  it('a bad rating tells Support Ops, with the comment', async () => {
    const { number, token } = await solvedAndAsked();
    await api.client().satisfaction.rate.mutate({ token, rating: 'bad', comment: 'Nobody called back.' });
    const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_bad')));
    expect(row).toMatchObject({ recipient: 'support-ops', payload: { message: { body: 'Nobody called back.' } } });
  });

  it('a link for a solve since reopened says so and takes no answer; the new solve has a survey of its own', async () => {
    const { number, requester, agent, token } = await solvedAndAsked();
    await requester.api.tickets.reply.mutate({ number, body: 'Offline again.' });
    const anyone = api.client();
    await eventually(async () => expect((await anyone.satisfaction.survey.query({ token })).state).toBe('reopened'));
    const refused = await failure(anyone.satisfaction.rate.mutate({ token, rating: 'good' }));
    expect(refused.data?.code).toBe('CONFLICT');
    expect(refused.message).toContain('reopened');

    await agent.api.tickets.solve.mutate({ number });
    const second = await surveyToken(number, 1);
    expect(second).not.toBe(token);
    expect((await anyone.satisfaction.survey.query({ token: second })).state).toBe('open');
    expect((await anyone.satisfaction.survey.query({ token })).state).toBe('reopened');
  });

  it('a link stops once its ticket is Closed: the page is told so, and an answer is refused', async () => {
    const requester = await api.signedIn({ label: 'requester' });
    const agent = await api.signedIn({ role: 'agent' });
    // Asked half a second after Solved, closed two seconds after it.
    const quickDesk = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: { ...SLOW_POLICY, solvedAutoCloseMs: 2_000, satisfaction: { delayMs: 500, badRatingNotifiesOps: true } } });
    const { number } = await quickDesk.create({ requestId: requestId(), type: 'software_issue', subject: 'Till printer offline', description: 'Shop 3', requester: personOf(requester.user), organizationId: null, ccs: [], followUpOf: null });
    await agent.api.tickets.solve.mutate({ number });
    const token = await surveyToken(number);
    const anyone = api.client();
    await eventually(async () => expect((await anyone.satisfaction.survey.query({ token })).state).toBe('closed'), { timeoutMs: 10_000 });
    const late = await failure(anyone.satisfaction.rate.mutate({ token, rating: 'good' }));
    expect(late.data?.code).toBe('CONFLICT');
    expect(late.message).toContain('Closed');
  });

  it('refuses an unknown link, a comment too long, and text Postgres cannot store; nothing changes', async () => {
    const { number, agent, token } = await solvedAndAsked();
    const anyone = api.client();
    expect(await errorCode(anyone.satisfaction.survey.query({ token: 'x'.repeat(43) }))).toBe('NOT_FOUND');
    expect(await errorCode(anyone.satisfaction.rate.mutate({ token: 'x'.repeat(43), rating: 'good' }))).toBe('NOT_FOUND');
    const before = (await agent.api.tickets.get.query({ number })).ticket.version;

    const long = await failure(anyone.satisfaction.rate.mutate({ token, rating: 'bad', comment: 'x'.repeat(2_001) }));
    expect(long.data?.code).toBe('BAD_REQUEST');
    expect(long.message).toContain('A comment is at most 2,000 characters.');
    for (const comment of ['a NUL \u0000 here', 'a lone \ud83d half']) {
      const bad = await failure(anyone.satisfaction.rate.mutate({ token, rating: 'bad', comment }));
      expect(bad.data?.code).toBe('BAD_REQUEST');
      expect(bad.message).toContain('not text');
    }
    expect(await errorCode(anyone.satisfaction.rate.mutate({ token, rating: 'meh' as never }))).toBe('BAD_REQUEST');
    expect((await agent.api.tickets.get.query({ number })).ticket.version).toBe(before);
    expect((await anyone.satisfaction.survey.query({ token })).state).toBe('open');
  });
});
