// The lead's reports against a week counted by hand. The week's tickets go through the real
// lifecycle (workflows/ticket/state.ts) at chosen instants and are written by the real projection
// writer, so the reports read exactly what the desk would have written that week: a ticket
// reopened and solved twice, one closed by its timer, one missed target, one put on hold, one
// created the evening before the range and one just after midnight (Paris) after it.
import { randomInt } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findOrCreateOrganization, personOf } from '../../src/accounts/users.js';
import { writeProjection } from '../../activities/projection.js';
import { apply, createTicket, type Accepted } from '../../workflows/ticket/state.js';
import { DEFAULT_POLICY, type Actor, type TicketState, type TicketType } from '../../workflows/ticket/model.js';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import type { ReportFilters } from '../../src/reports/dashboard.js';
import { DEFAULT_BUSINESS_CALENDAR } from '../../workflows/calendar/model.js';
import { pinSla, type PinnedSla } from '../../workflows/sla/pinned.js';
import { seedSlaTargets } from '../../workflows/sla/policy.js';
import { errorCode, startApi, type ApiClient, type TestApi } from '../helpers/api.js';

let api: TestApi;
let lead: ApiClient;
let agents: { one: Actor; two: Actor };
let organizations: { a: string; b: string };
const base = 800_000_000 + randomInt(1_000_000) * 10;

/** A Paris wall-clock time in February 2026 (UTC+1). */
const paris = (day: number, hour: number, minute = 0) => Date.UTC(2026, 1, day, hour - 1, minute);

async function ticket(index: number, type: TicketType, organizationId: string, at: number, steps: Array<[number, TicketCommand]>, sla?: PinnedSla): Promise<void> {
  const requester = (await api.signedIn({ label: `reported-${index}` })).user;
  let outcome: Accepted = createTicket(
    { number: base + index, type, subject: `Report fixture ${index}`, description: 'Counted by hand.', requester: personOf(requester), organizationId, ccs: [], followUpOf: null, policy: DEFAULT_POLICY, ...(sla ? { sla } : {}) },
    at,
  );
  await writeProjection(api.stack.db, outcome.state, outcome.effects);
  for (const [when, command] of steps) {
    const next = apply(outcome.state, 'actor' in command && command.actor.kind === 'requester' ? { ...command, actor: { kind: 'requester', id: requester.id } } : command, when);
    if (!next.ok) throw new Error(`fixture ${index}: ${next.message}`);
    outcome = next;
    await writeProjection(api.stack.db, outcome.state as TicketState, outcome.effects);
  }
}

const requesterActor: Actor = { kind: 'requester', id: 'filled-in' };

beforeAll(async () => {
  api = await startApi();
  const [one, two, signedLead] = await Promise.all([api.signedIn({ role: 'agent', label: 'one' }), api.signedIn({ role: 'agent', label: 'two' }), api.signedIn({ role: 'admin', label: 'lead' })]);
  lead = signedLead.api;
  agents = { one: { kind: 'agent', id: one.user.id, name: 'Agent One' }, two: { kind: 'agent', id: two.user.id, name: 'Agent Two' } };
  organizations = { a: (await findOrCreateOrganization(api.stack.db, `Reports A ${base}`)).id, b: (await findOrCreateOrganization(api.stack.db, `Reports B ${base}`)).id };
  const onePerson = personOf(one.user);
  // T1: answered in 2 h (target 8 h), solved after 24 h, closed by its timer on Saturday.
  await ticket(1, 'software_issue', organizations.a, paris(2, 10), [
    [paris(2, 11), { type: 'assign', actor: agents.one, assignee: onePerson }],
    [paris(2, 12), { type: 'reply', actor: agents.one, body: 'Looking.' }],
    [paris(3, 10), { type: 'solve', actor: agents.one }],
    [paris(7, 10), { type: 'autoCloseSolved' }],
  ]);
  // T2: Critical, answered in 2 h (target 1 h: missed) as Pending; reopened, solved twice.
  await ticket(2, 'critical', organizations.b, paris(2, 14), [
    [paris(2, 16), { type: 'reply', actor: agents.two, body: 'Which station?', status: 'pending' }],
    [paris(3, 9), { type: 'reply', actor: requesterActor, body: 'Bastille.' }],
    [paris(4, 9), { type: 'solve', actor: agents.two }],
    [paris(5, 9), { type: 'reply', actor: requesterActor, body: 'Broken again.' }],
    [paris(5, 15), { type: 'solve', actor: agents.two }],
  ]);
  // T3: never answered (its target has passed), assigned and on hold.
  await ticket(3, 'hardware_issue', organizations.a, paris(4, 8), [
    [paris(4, 8, 30), { type: 'assign', actor: agents.one, assignee: onePerson }],
    [paris(4, 9), { type: 'putOnHold', actor: agents.one }],
  ]);
  // T4: 00:30 on Monday 9 in Paris, Sunday 23:30 in UTC: after the range.
  await ticket(4, 'feature_request', organizations.b, paris(9, 0, 30), []);
  // T5: the Sunday before the range, still open: in every day's backlog.
  await ticket(5, 'software_issue', organizations.b, paris(1, 10), []);
}, 120_000);
afterAll(async () => {
  await api?.close();
});

const week = { from: '2026-02-02', to: '2026-02-08' };

describe('reports', () => {
  it('count the week as it was counted by hand', async () => {
    const report = await lead.reports.dashboard.query(week);
    expect(report.timeZone).toBe('Europe/Paris');
    expect(report.createdSolved).toEqual([
      { day: '2026-02-02', created: 2, solved: 0 },
      { day: '2026-02-03', created: 0, solved: 1 },
      { day: '2026-02-04', created: 1, solved: 1 },
      { day: '2026-02-05', created: 0, solved: 1 },
      { day: '2026-02-06', created: 0, solved: 0 },
      { day: '2026-02-07', created: 0, solved: 0 },
      { day: '2026-02-08', created: 0, solved: 0 },
    ]);
    const backlog = Object.fromEntries(report.backlog.map(({ day, ...counts }) => [day, counts]));
    expect(backlog['2026-02-02']).toEqual({ open: 2, pending: 1, 'on-hold': 0, solved: 0, closed: 0 });
    expect(backlog['2026-02-03']).toEqual({ open: 2, pending: 0, 'on-hold': 0, solved: 1, closed: 0 });
    expect(backlog['2026-02-04']).toEqual({ open: 1, pending: 0, 'on-hold': 1, solved: 2, closed: 0 });
    expect(backlog['2026-02-05']).toEqual({ open: 1, pending: 0, 'on-hold': 1, solved: 2, closed: 0 });
    expect(backlog['2026-02-07']).toEqual({ open: 1, pending: 0, 'on-hold': 1, solved: 1, closed: 1 });
    expect(backlog['2026-02-08']).toEqual({ open: 1, pending: 0, 'on-hold': 1, solved: 1, closed: 1 });
    // First replies 2 h and 2 h; solves after 24 h, 43 h and 73 h (the 90th percentile interpolates: 67 h).
    expect(report.times).toEqual([{ week: '2026-02-02', firstReplyMedian: 2, firstReplyP90: 2, resolutionMedian: 43, resolutionP90: 67 }]);
    expect(report.sla).toEqual([
      { target: 'firstReply', type: 'critical', priority: 'urgent', met: 0, missed: 1, metShare: 0 },
      { target: 'firstReply', type: 'hardware_issue', priority: 'normal', met: 0, missed: 1, metShare: 0 },
      { target: 'firstReply', type: 'software_issue', priority: 'normal', met: 1, missed: 0, metShare: 100 },
    ]);
    expect(report.workload.find((row) => row.agentId === agents.one.id)).toMatchObject({ openAssigned: 1, solved: 1 });
    expect(report.workload.find((row) => row.agentId === agents.two.id)).toMatchObject({ openAssigned: 0, solved: 2 });
  });

  it('filter by type, organization and agent', async () => {
    const critical = await lead.reports.dashboard.query({ ...week, type: 'critical' });
    expect(critical.createdSolved.map((d) => [d.created, d.solved])).toEqual([[1, 0], [0, 0], [0, 1], [0, 1], [0, 0], [0, 0], [0, 0]]);
    const a = await lead.reports.dashboard.query({ ...week, organizationId: organizations.a });
    expect(a.createdSolved.reduce((sum, d) => sum + d.created, 0)).toBe(2);
    expect(a.backlog.at(-1)).toMatchObject({ open: 0, 'on-hold': 1, closed: 1 });
    const one = await lead.reports.dashboard.query({ ...week, assigneeId: agents.one.id });
    expect(one.workload.map((row) => row.agentId)).toEqual([agents.one.id]);
  });

  it('export each report as CSV with the table\u2019s numbers', async () => {
    const report = await lead.reports.dashboard.query(week);
    const { filename, csv } = await lead.reports.csv.query({ report: 'createdSolved', filters: week });
    expect(filename).toBe('createdSolved-2026-02-02-2026-02-08.csv');
    const [header, ...lines] = csv.trim().split('\r\n');
    expect(header).toBe('day,created,solved');
    expect(lines).toEqual(report.createdSolved.map((d) => `${d.day},${d.created},${d.solved}`));
    const sla = await lead.reports.csv.query({ report: 'sla', filters: week });
    expect(sla.csv.split('\r\n')[1]).toBe('firstReply,critical,urgent,0,1,0');
  });

  it('keep counting while many tickets move between the same statuses at once, without a deadlock', async () => {
    const requester = (await api.signedIn({ label: 'busy' })).user;
    const states = Array.from({ length: 24 }, (_, i) =>
      createTicket({ number: base + 100 + i, type: 'software_issue', subject: 'Busy', description: 'Moves.', requester: personOf(requester), organizationId: organizations.a, ccs: [], followUpOf: null, policy: DEFAULT_POLICY }, paris(10, 9)),
    );
    await Promise.all(states.map((outcome) => writeProjection(api.stack.db, outcome.state, outcome.effects)));
    let current = states.map((outcome) => outcome.state);
    // Half the tickets go Open → Pending while the other half go Pending → Open, ten times over, all at once.
    for (let round = 0; round < 10; round++) {
      const moved = current.map((state, i) => {
        const command: TicketCommand = state.status === 'open' ? { type: 'setPending', actor: agents.one } : { type: 'reopen', actor: agents.one };
        const next = (i + round) % 2 === 0 || state.status !== 'open' ? apply(state, command, paris(10, 10, round)) : apply(state, { type: 'reply', actor: agents.one, body: 'Still here.' }, paris(10, 10, round));
        if (!next.ok) throw new Error(next.message);
        return next;
      });
      await Promise.all(moved.map((outcome) => writeProjection(api.stack.db, outcome.state as TicketState, outcome.effects)));
      current = moved.map((outcome) => outcome.state as TicketState);
    }
    const report = await lead.reports.dashboard.query({ from: '2026-02-10', to: '2026-02-10', organizationId: organizations.a });
    const day = report.backlog[0];
    expect(day.open + day.pending).toBe(24 + 0);
    expect(day.open).toBe(current.filter((state) => state.status === 'open').length);
  });

  it('count a ticket where it was at each moment: under its priority and its assignee then', async () => {
    const [three, four] = await Promise.all([api.signedIn({ role: 'agent', label: 'three' }), api.signedIn({ role: 'agent', label: 'four' })]);
    const agentThree: Actor = { kind: 'agent', id: three.user.id, name: 'Agent Three' };
    const agentFour: Actor = { kind: 'agent', id: four.user.id, name: 'Agent Four' };
    // T10: Monday 16 at 09:00, held by Three, High from Tuesday, passed to Four on Wednesday, solved by Four on Thursday.
    await ticket(10, 'software_issue', organizations.a, paris(16, 9), [
      [paris(16, 10), { type: 'assign', actor: agentThree, assignee: personOf(three.user) }],
      [paris(17, 9), { type: 'setPriority', actor: agentThree, priority: 'high' }],
      [paris(18, 9), { type: 'assign', actor: agentThree, assignee: personOf(four.user) }],
      [paris(19, 9), { type: 'solve', actor: agentFour }],
    ]);
    const days = { from: '2026-02-16', to: '2026-02-20' };
    const held = async (filters: Partial<ReportFilters>) => (await lead.reports.dashboard.query({ ...days, ...filters })).backlog.map((day) => [day.open, day.solved]);
    expect(await held({ assigneeId: three.user.id })).toEqual([[1, 0], [1, 0], [0, 0], [0, 0], [0, 0]]);
    expect(await held({ assigneeId: four.user.id })).toEqual([[0, 0], [0, 0], [1, 0], [0, 1], [0, 1]]);
    // Two filters read the full rows rather than a rollup: Normal and Three is Monday only.
    expect(await held({ assigneeId: three.user.id, priority: 'normal' })).toEqual([[1, 0], [0, 0], [0, 0], [0, 0], [0, 0]]);
    const fourHigh = await lead.reports.dashboard.query({ ...days, assigneeId: four.user.id, priority: 'high' });
    expect(fourHigh.createdSolved.map((day) => day.solved)).toEqual([0, 0, 0, 1, 0]);
    expect(fourHigh.times).toEqual([{ week: '2026-02-16', firstReplyMedian: null, firstReplyP90: null, resolutionMedian: 72, resolutionP90: 72 }]);
    expect(fourHigh.workload).toEqual([{ agentId: four.user.id, name: 'four', openAssigned: 0, solved: 1 }]);
    // Created counts the ticket as it is now: held by Four, High.
    expect(fourHigh.createdSolved.map((day) => day.created)).toEqual([1, 0, 0, 0, 0]);
    expect(fourHigh.createdSolvedByWeek).toEqual([{ week: '2026-02-16', created: 1, solved: 1 }]);
  });

  it('give with one filter or none (the rollups) the sums of the full rows', async () => {
    const range = { from: '2026-02-01', to: '2026-02-20' };
    const all = await lead.reports.dashboard.query(range);
    const sums = async (filters: Array<Partial<ReportFilters>>) => {
      const reports = await Promise.all(filters.map((filter) => lead.reports.dashboard.query({ ...range, ...filter })));
      return all.backlog.map((day, i) => Object.fromEntries(Object.keys(day).filter((key) => key !== 'day').map((status) => [status, reports.reduce((sum, report) => sum + (report.backlog[i] as unknown as Record<string, number>)[status], 0)])));
    };
    const withoutDay = all.backlog.map(({ day: _day, ...counts }) => counts);
    expect(await sums(['critical', 'software_issue', 'hardware_issue', 'feature_request'].map((type) => ({ type: type as TicketType })))).toEqual(withoutDay);
    expect(await sums(['low', 'normal', 'high', 'urgent'].map((priority) => ({ priority: priority as ReportFilters['priority'] })))).toEqual(withoutDay);
    // Two filters each (full rows), over every pair of values, give the one-filter rollup.
    const softwareA = await lead.reports.dashboard.query({ ...range, type: 'software_issue', organizationId: organizations.a });
    const softwareAByPriority = await Promise.all((['low', 'normal', 'high', 'urgent'] as const).map((priority) => lead.reports.dashboard.query({ ...range, type: 'software_issue', organizationId: organizations.a, priority })));
    expect(softwareA.backlog.map((day) => day.open + day.solved + day.closed)).toEqual(
      softwareA.backlog.map((_, i) => softwareAByPriority.reduce((sum, report) => sum + report.backlog[i].open + report.backlog[i].solved + report.backlog[i].closed, 0)),
    );
    expect(softwareA.backlog.some((day) => day.open + day.solved + day.closed > 0)).toBe(true);
  });

  it('count the next-reply and resolution targets of the tickets that pinned an SLA', async () => {
    // Critical / SEV as a fresh install pins it: first reply 1 h, next reply 1 h, resolution 8 h, all 24/7.
    const sla = pinSla({ version: 1, targets: seedSlaTargets(DEFAULT_POLICY.firstReplyTargetMs) }, 'critical', [{ calendarId: 'office', version: 1, calendar: DEFAULT_BUSINESS_CALENDAR }]);
    const organization = (await findOrCreateOrganization(api.stack.db, `Reports SLA ${base}`)).id;
    // T30: every target met; T31: its next reply and its resolution late; T32 pinned none: first reply only.
    await ticket(30, 'critical', organization, paris(23, 10), [
      [paris(23, 10, 30), { type: 'reply', actor: agents.one, body: 'On it.' }],
      [paris(23, 11), { type: 'reply', actor: requesterActor, body: 'Still down.' }],
      [paris(23, 11, 30), { type: 'reply', actor: agents.one, body: 'Fixed now?' }],
      [paris(23, 12), { type: 'solve', actor: agents.one }],
    ], sla);
    await ticket(31, 'critical', organization, paris(23, 10), [
      [paris(23, 10, 10), { type: 'reply', actor: agents.two, body: 'Looking.' }],
      [paris(23, 10, 20), { type: 'reply', actor: requesterActor, body: 'Any news?' }],
      [paris(23, 11, 20), { type: 'breachSla', target: 'nextReply' }],
      [paris(23, 18), { type: 'breachSla', target: 'resolution' }],
      [paris(23, 18, 30), { type: 'reply', actor: agents.two, body: 'Sorry, replaced.', status: 'solved' }],
    ], sla);
    await ticket(32, 'critical', organization, paris(23, 10), [[paris(23, 10, 15), { type: 'reply', actor: agents.two, body: 'Seen.' }]]);
    const report = await lead.reports.dashboard.query({ from: '2026-02-23', to: '2026-02-23', organizationId: organization });
    expect(report.sla).toEqual([
      { target: 'firstReply', type: 'critical', priority: 'urgent', met: 3, missed: 0, metShare: 100 },
      { target: 'nextReply', type: 'critical', priority: 'urgent', met: 1, missed: 1, metShare: 50 },
      { target: 'resolution', type: 'critical', priority: 'urgent', met: 1, missed: 1, metShare: 50 },
    ]);
  });

  it('are Support Ops\u2019 only, and refuse a range that ends before it starts or spans more than a year', async () => {
    const { api: requester } = await api.signedIn({ label: 'curious' });
    expect(await errorCode(requester.reports.dashboard.query(week))).toBe('FORBIDDEN');
    expect(await errorCode(requester.reports.csv.query({ report: 'backlog', filters: week }))).toBe('FORBIDDEN');
    expect(await errorCode(lead.reports.dashboard.query({ from: '2026-02-08', to: '2026-02-02' }))).toBe('BAD_REQUEST');
    expect(await errorCode(lead.reports.dashboard.query({ from: '2025-01-01', to: '2026-02-02' }))).toBe('BAD_REQUEST');
  });
});
