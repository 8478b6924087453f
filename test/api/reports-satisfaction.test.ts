// The satisfaction score against ratings counted by hand: tickets go through the real lifecycle
// at chosen instants (solved, asked a day later, rated; one reopened before its answer and asked
// again) and are written by the real projection writer. A rating counts in the range by when it
// was given, in the team's days (Paris), under the ticket's type, priority, organization and
// assignee as they are now; the score is the share of good among them.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeProjection } from '../../activities/projection.js';
import { findOrCreateOrganization, personOf } from '../../src/accounts/users.js';
import type { ReportFilters } from '../../src/reports/dashboard.js';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import { DEFAULT_POLICY, type Actor, type TicketState, type TicketType } from '../../workflows/ticket/model.js';
import { apply, createTicket } from '../../workflows/ticket/state.js';
import { startApi, type ApiClient, type TestApi } from '../helpers/api.js';

let api: TestApi;
let lead: ApiClient;
let agentOne: Actor;
let organizations: { a: string; b: string };
const base = 810_000_000 + randomInt(1_000_000) * 10;
const DAY = 86_400_000;
const policy = { ...DEFAULT_POLICY, satisfaction: { delayMs: DAY, badRatingNotifiesOps: true } };

/** A Paris wall-clock time in March 2026 (UTC+1 until the 29th). */
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 2, day, hour - 1, minute);

type Step = TicketCommand | ((state: TicketState) => TicketCommand);
const rate = (rating: 'good' | 'bad', comment?: string): Step => (state) => ({ type: 'rate', actor: { kind: 'requester', id: state.requester.id }, survey: state.survey!.askedSeq!, rating, ...(comment ? { comment } : {}) });
const ask: Step = { type: 'askSatisfaction' };

async function ticket(index: number, type: TicketType, organizationId: string, at: number, steps: Array<[number, Step]>): Promise<void> {
  const requester = (await api.signedIn({ label: `rated-${index}` })).user;
  let outcome = createTicket({ number: base + index, type, subject: `Rated fixture ${index}`, description: 'Counted by hand.', requester: personOf(requester), organizationId, ccs: [], followUpOf: null, policy }, at);
  await writeProjection(api.stack.db, outcome.state, outcome.effects);
  for (const [when, step] of steps) {
    const command = typeof step === 'function' ? step(outcome.state) : 'actor' in step && step.actor.kind === 'requester' ? { ...step, actor: { kind: 'requester' as const, id: requester.id } } : step;
    const next = apply(outcome.state, command, when);
    if (!next.ok) throw new Error(`fixture ${index}: ${next.message}`);
    outcome = next;
    await writeProjection(api.stack.db, outcome.state, outcome.effects);
  }
}

const requesterActor: Actor = { kind: 'requester', id: 'filled-in' };

beforeAll(async () => {
  api = await startApi();
  const [one, signedLead] = await Promise.all([api.signedIn({ role: 'agent', label: 'one' }), api.signedIn({ role: 'admin', label: 'lead' })]);
  lead = signedLead.api;
  agentOne = { kind: 'agent', id: one.user.id, name: 'Agent One' };
  organizations = { a: (await findOrCreateOrganization(api.stack.db, `Rated A ${base}`)).id, b: (await findOrCreateOrganization(api.stack.db, `Rated B ${base}`)).id };
  const solve = (actor: Actor = agentOne): TicketCommand => ({ type: 'reply', actor, body: 'Fixed.', status: 'solved' });
  // R1: Agent One's, solved Monday, asked Tuesday, rated good Tuesday.
  await ticket(1, 'software_issue', organizations.a, paris(2, 9), [
    [paris(2, 9, 30), { type: 'assign', actor: agentOne, assignee: personOf(one.user) }],
    [paris(2, 10), solve()],
    [paris(3, 10), ask],
    [paris(3, 12), rate('good', 'Quick.')],
  ]);
  // R2: Critical, rated bad on Wednesday.
  await ticket(2, 'critical', organizations.b, paris(2, 8), [
    [paris(2, 9), solve()],
    [paris(3, 9), ask],
    [paris(4, 9), rate('bad', 'Too slow.')],
  ]);
  // R3: asked, reopened before answering, solved again, asked again, rated good the next week.
  await ticket(3, 'software_issue', organizations.a, paris(2, 8), [
    [paris(2, 9), solve()],
    [paris(3, 9), ask],
    [paris(3, 18), { type: 'reply', actor: requesterActor, body: 'Broken again.' }],
    [paris(4, 9), solve()],
    [paris(5, 9), ask],
    [paris(10, 9), rate('good')],
  ]);
  // R4: solved and asked before the range, rated on its first morning.
  await ticket(4, 'hardware_issue', organizations.b, paris(1, 8), [
    [paris(1, 8, 30), solve()],
    [paris(2, 8, 30), ask],
    [paris(2, 9), rate('good')],
  ]);
  // R5: rated at 00:30 on Monday 9 in Paris (Sunday 23:30 UTC): the next week's.
  await ticket(5, 'feature_request', organizations.b, paris(6, 8), [
    [paris(6, 9), solve()],
    [paris(7, 9), ask],
    [paris(9, 0, 30), rate('bad')],
  ]);
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const week: ReportFilters = { from: '2026-03-02', to: '2026-03-08' };
const score = async (filters: ReportFilters) => (await lead.reports.dashboard.query(filters)).satisfaction;

describe('the satisfaction score', () => {
  it('counts the ratings given in the range, per week, as counted by hand', async () => {
    expect(await score(week)).toEqual([{ week: '2026-03-02', good: 2, bad: 1, goodShare: 66.7 }]);
    expect(await score({ from: '2026-03-02', to: '2026-03-15' })).toEqual([
      { week: '2026-03-02', good: 2, bad: 1, goodShare: 66.7 },
      { week: '2026-03-09', good: 1, bad: 1, goodShare: 50 },
    ]);
    // A week the range cuts counts only its days in the range.
    expect(await score({ from: '2026-03-03', to: '2026-03-09' })).toEqual([
      { week: '2026-03-02', good: 1, bad: 1, goodShare: 50 },
      { week: '2026-03-09', good: 0, bad: 1, goodShare: 0 },
    ]);
  });

  it('filters by type, priority, organization and agent', async () => {
    expect(await score({ ...week, type: 'critical' })).toEqual([{ week: '2026-03-02', good: 0, bad: 1, goodShare: 0 }]);
    expect(await score({ ...week, priority: 'urgent' })).toEqual([{ week: '2026-03-02', good: 0, bad: 1, goodShare: 0 }]);
    expect(await score({ ...week, organizationId: organizations.a })).toEqual([{ week: '2026-03-02', good: 1, bad: 0, goodShare: 100 }]);
    expect(await score({ ...week, assigneeId: agentOne.id })).toEqual([{ week: '2026-03-02', good: 1, bad: 0, goodShare: 100 }]);
    expect(await score({ ...week, type: 'hardware_issue', organizationId: organizations.a })).toEqual([]);
  });

  it('exports as CSV with the table\u2019s numbers', async () => {
    const { csv, filename } = await lead.reports.csv.query({ report: 'satisfaction', filters: { from: '2026-03-02', to: '2026-03-15' } });
    expect(filename).toBe('satisfaction-2026-03-02-2026-03-15.csv');
    expect(csv).toBe('week,good,bad,goodShare\r\n2026-03-02,2,1,66.7\r\n2026-03-09,1,1,50\r\n');
  });
});
