// The lifecycle's SLA deadlines from a pinned SLA (deadlines.ts, sla-clocks.ts): hand-computed
// instants over Paris office hours (9:00 to 18:00 on weekdays), across weekends, a holiday and the
// spring DST change; next-reply targets across replies, resolution stopped by Pending, a priority
// change, and the warning and breach steps in their order.
import { describe, expect, it } from 'vitest';
import { DEFAULT_BUSINESS_CALENDAR } from '../../workflows/calendar/model.js';
import { pinSla, type PinnedCalendar, type PinnedSla } from '../../workflows/sla/pinned.js';
import { seedSlaTargets, type SlaTargetName } from '../../workflows/sla/policy.js';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import { deadlines, dueDeadline, nextDeadline, slaDueTimes } from '../../workflows/ticket/deadlines.js';
import { DEFAULT_POLICY, type Actor, type TicketState, type TicketType } from '../../workflows/ticket/model.js';
import { parseMessage } from '../../workflows/ticket/parse.js';
import { apply, createTicket } from '../../workflows/ticket/state.js';

const at = (local: string) => Date.parse(local);
const iso = (instant: number | null | undefined) => (instant === null || instant === undefined ? null : new Date(instant).toISOString());
const HOUR = 3_600_000;
const MINUTE = 60_000;

const requester = { id: 'u-req', email: 'req@example.test', name: 'Requester' };
const agent: Actor = { kind: 'agent', id: 'a-1', name: 'Agent' };
const asRequester: Actor = { kind: 'requester', id: requester.id };

const office: PinnedCalendar = {
  calendarId: 'office',
  version: 4,
  calendar: { ...DEFAULT_BUSINESS_CALENDAR, holidays: [{ date: '2026-05-01', name: 'Fête du Travail' }] },
};
const targets = seedSlaTargets(DEFAULT_POLICY.firstReplyTargetMs);
// Urgent Hardware issues get a first reply within 2 business hours.
targets.hardware_issue.urgent.firstReply = { durationMs: 2 * HOUR, time: 'business', calendarId: 'office' };

function pinned(type: TicketType, changes: Partial<PinnedSla> = {}): PinnedSla {
  return { ...pinSla({ version: 7, targets }, type, [office]), lifecycleVersion: 2, ...changes };
}

function ticket(createdAt: number, type: TicketType = 'hardware_issue', sla: PinnedSla | null = pinned(type)): TicketState {
  return createTicket(
    { number: 9, type, subject: 'Dock 4 offline', description: 'No bike unlocks', requester, organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY, ...(sla ? { sla } : {}) },
    createdAt,
  ).state;
}

function step(state: TicketState, command: TicketCommand, now: number): TicketState {
  const outcome = apply(state, command, now);
  if (!outcome.ok) throw new Error(outcome.message);
  return outcome.state;
}

const dueOf = (state: TicketState, target: SlaTargetName) => iso(slaDueTimes(state)[target]);
const armed = (state: TicketState) => deadlines(state).map((d) => [d.command.type, 'target' in d.command ? d.command.target : undefined, iso(d.at)]);

describe('first-reply deadlines over business hours', () => {
  const cases: Array<{ name: string; createdAt: string; type: TicketType; due: string; warning: string }> = [
    // 30 min on Friday, then 7 h 30 on Monday.
    { name: 'a Hardware issue created on Friday evening', createdAt: '2026-03-06T17:30:00+01:00', type: 'hardware_issue', due: '2026-03-09T16:30:00+01:00', warning: '2026-03-09T14:30:00+01:00' },
    // Created after closing on Friday 27 March: Monday 30 March is in summer time (UTC+2).
    { name: 'a ticket created on the Friday before the spring DST change', createdAt: '2026-03-27T19:00:00+01:00', type: 'software_issue', due: '2026-03-30T17:00:00+02:00', warning: '2026-03-30T15:00:00+02:00' },
    // Thursday 30 April 14:00: 4 h that day, Friday 1 May is a holiday, 4 h on Monday 4 May.
    { name: 'a target that spans a holiday', createdAt: '2026-04-30T14:00:00+02:00', type: 'hardware_issue', due: '2026-05-04T13:00:00+02:00', warning: '2026-05-04T11:00:00+02:00' },
    // Critical / SEV counts calendar time, 24/7: one hour, the warning at 45 minutes.
    { name: 'a Critical / SEV ticket at 3 a.m. on a Sunday', createdAt: '2026-03-08T03:00:00+01:00', type: 'critical', due: '2026-03-08T04:00:00+01:00', warning: '2026-03-08T03:45:00+01:00' },
  ];
  for (const c of cases) {
    it(`${c.name}: due ${c.due}, warned at 75 % (${c.warning})`, () => {
      const state = ticket(at(c.createdAt), c.type);
      expect(iso(state.firstReplyDueAt)).toBe(iso(at(c.due)));
      expect(armed(state)).toContainEqual(['warnSla', 'firstReply', iso(at(c.warning))]);
      expect(armed(state)).toContainEqual(['breachSla', 'firstReply', iso(at(c.due))]);
      expect(nextDeadline(state)?.command).toEqual({ type: 'warnSla', target: 'firstReply' });
      expect(nextDeadline(state)?.summary).toBe('First-reply SLA target: warning at 75 %');
    });
  }

  it('a priority change counts the pinned target of the new priority from the same start', () => {
    // 8 business hours from Monday 10:00 end at closing time.
    const created = ticket(at('2026-03-09T10:00:00+01:00'));
    expect(iso(created.firstReplyDueAt)).toBe(iso(at('2026-03-09T18:00:00+01:00')));
    const urgent = step(created, { type: 'setPriority', actor: agent, priority: 'urgent' }, at('2026-03-09T10:30:00+01:00'));
    expect(iso(urgent.firstReplyDueAt)).toBe(iso(at('2026-03-09T12:00:00+01:00')));
    expect(armed(urgent)).toContainEqual(['warnSla', 'firstReply', iso(at('2026-03-09T11:30:00+01:00'))]);
  });

  it('a ticket without a pinned SLA (a run from before revision 5) keeps its first-reply duration in calendar time', () => {
    const legacy = ticket(at('2026-03-06T17:30:00+01:00'), 'hardware_issue', null);
    expect(armed(legacy)).toEqual([['breachSla', undefined, iso(at('2026-03-06T17:30:00+01:00') + 8 * HOUR)]]);
    expect(slaDueTimes(legacy)).toEqual({ firstReply: null, nextReply: null, resolution: null });
  });

  it('the first public agent reply meets the target; an internal note does not', () => {
    const created = ticket(at('2026-03-09T10:00:00+01:00'));
    const noted = step(created, { type: 'reply', actor: agent, body: 'Looking', internal: true }, at('2026-03-09T10:05:00+01:00'));
    expect(dueOf(noted, 'firstReply')).toBe(iso(at('2026-03-09T18:00:00+01:00')));
    const answered = step(noted, { type: 'reply', actor: agent, body: 'On it' }, at('2026-03-09T10:10:00+01:00'));
    expect(dueOf(answered, 'firstReply')).toBeNull();
    expect(armed(answered).some(([, target]) => target === 'firstReply')).toBe(false);
  });
});

describe('next-reply targets across replies', () => {
  it('run from the oldest unanswered requester message to the next public agent reply, and start again after it', () => {
    let state = ticket(at('2026-03-09T09:00:00+01:00'));
    state = step(state, { type: 'reply', actor: agent, body: 'Which dock?' }, at('2026-03-09T09:30:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBeNull();
    // Tuesday 16:00: 2 h that day, 6 h on Wednesday.
    state = step(state, { type: 'reply', actor: asRequester, body: 'Dock 4' }, at('2026-03-10T16:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBe(iso(at('2026-03-11T15:00:00+01:00')));
    // A second message does not move the target: the oldest unanswered one counts.
    state = step(state, { type: 'reply', actor: asRequester, body: 'Also dock 5' }, at('2026-03-10T17:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBe(iso(at('2026-03-11T15:00:00+01:00')));
    expect(armed(state)).toContainEqual(['warnSla', 'nextReply', iso(at('2026-03-11T13:00:00+01:00'))]);
    // A note answers nobody; the public reply does.
    state = step(state, { type: 'reply', actor: agent, body: 'Checking', internal: true }, at('2026-03-11T09:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBe(iso(at('2026-03-11T15:00:00+01:00')));
    state = step(state, { type: 'reply', actor: agent, body: 'Both fixed' }, at('2026-03-11T10:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBeNull();
    // The next message starts a target of its own, from zero.
    state = step(state, { type: 'reply', actor: asRequester, body: 'Dock 6 now' }, at('2026-03-11T11:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBe(iso(at('2026-03-12T10:00:00+01:00')));
  });

  it('a requester message before the first reply is the first-reply target’s, not a next-reply one', () => {
    const state = step(ticket(at('2026-03-09T09:00:00+01:00')), { type: 'reply', actor: asRequester, body: 'Any news?' }, at('2026-03-09T10:00:00+01:00'));
    expect(dueOf(state, 'nextReply')).toBeNull();
  });
});

describe('resolution targets', () => {
  const monday = at('2026-03-02T09:00:00+01:00');
  it('count 40 business hours from creation: Friday 13:00 that week', () => {
    expect(dueOf(ticket(monday), 'resolution')).toBe(iso(at('2026-03-06T13:00:00+01:00')));
  });

  it('stop while Pending and go on when the requester answers: a business day in Pending moves the deadline a business day', () => {
    let state = step(ticket(monday), { type: 'reply', actor: agent, body: 'Which dock?', status: 'pending' }, at('2026-03-03T09:00:00+01:00'));
    expect(dueOf(state, 'resolution')).toBeNull();
    expect(armed(state).some(([, target]) => target === 'resolution')).toBe(false);
    state = step(state, { type: 'reply', actor: asRequester, body: 'Dock 4' }, at('2026-03-04T09:00:00+01:00'));
    // 9 h counted on Monday; 31 h from Wednesday 9:00: Wednesday, Thursday, Friday, then 4 h on Monday.
    expect(dueOf(state, 'resolution')).toBe(iso(at('2026-03-09T13:00:00+01:00')));
  });

  it('count On-hold by default, and not when the pinned policy says otherwise', () => {
    const heldAt = at('2026-03-03T09:00:00+01:00');
    const counting = step(ticket(monday), { type: 'putOnHold', actor: agent }, heldAt);
    expect(dueOf(counting, 'resolution')).toBe(iso(at('2026-03-06T13:00:00+01:00')));
    const notCounting = step(ticket(monday, 'hardware_issue', pinned('hardware_issue', { onHoldCountsTowardResolution: false })), { type: 'putOnHold', actor: agent }, heldAt);
    expect(dueOf(notCounting, 'resolution')).toBeNull();
  });

  it('stop at Solved; a reopen goes on from what was counted', () => {
    let state = step(ticket(monday), { type: 'solve', actor: agent }, at('2026-03-02T18:00:00+01:00'));
    expect(dueOf(state, 'resolution')).toBeNull();
    state = step(state, { type: 'reply', actor: asRequester, body: 'Still broken' }, at('2026-03-09T09:00:00+01:00'));
    // 9 h counted on the first Monday: 31 h from the next Monday 9:00, 4 h of them on Thursday.
    expect(dueOf(state, 'resolution')).toBe(iso(at('2026-03-12T13:00:00+01:00')));
  });
});

describe('warning and breach steps', () => {
  const created = at('2026-03-09T09:00:00+01:00');
  const warnAt = at('2026-03-09T15:00:00+01:00');

  it('the warning comes at 75 %, never before, then the breach at the target’s own instant', () => {
    const state = ticket(created);
    const due = at('2026-03-09T17:00:00+01:00');
    expect(iso(state.firstReplyDueAt)).toBe(iso(due));
    expect(dueDeadline(state, warnAt - 1)).toBeNull();
    expect(apply(state, { type: 'warnSla', target: 'firstReply' }, warnAt - 1).ok).toBe(false);
    const warning = dueDeadline(state, warnAt);
    expect(warning?.command).toEqual({ type: 'warnSla', target: 'firstReply' });
    const warned = apply(state, warning!.command, warnAt + 250);
    if (!warned.ok) throw new Error(warned.message);
    expect(warned.effects.events).toEqual([expect.objectContaining({ kind: 'sla_warning', data: { target: 'firstReply', at: warnAt, dueAt: due } })]);
    // Nobody is assigned: Support Ops are told.
    expect(warned.effects.notifications).toEqual([expect.objectContaining({ kind: 'first_reply_warning', recipient: 'support-ops' })]);
    expect(nextDeadline(warned.state)).toEqual(expect.objectContaining({ command: { type: 'breachSla', target: 'firstReply' }, at: due, summary: 'First-reply SLA target: breach' }));
    expect(dueDeadline(warned.state, due - 1)).toBeNull();
    // Delivered a little late, recorded at the target's instant.
    const breached = apply(warned.state, { type: 'breachSla', target: 'firstReply' }, due + 400);
    if (!breached.ok) throw new Error(breached.message);
    expect(breached.state.slaBreachedAt).toBe(due);
    expect(breached.effects.events).toEqual([expect.objectContaining({ kind: 'sla_breached', data: { target: 'firstReply', dueAt: due } })]);
    expect(breached.effects.notifications).toEqual([expect.objectContaining({ kind: 'sla_breached', recipient: 'support-ops' })]);
    expect(armed(breached.state).some(([, target]) => target === 'firstReply')).toBe(false);
  });

  it('after downtime past the breach, the breach fires without the warning first', () => {
    const state = ticket(created);
    expect(dueDeadline(state, at('2026-03-10T12:00:00+01:00'))?.command).toEqual({ type: 'breachSla', target: 'firstReply' });
  });

  it('a next-reply breach starts over with the next message once answered', () => {
    let state = step(ticket(created), { type: 'reply', actor: agent, body: 'Hello' }, created + MINUTE);
    // Monday 14:00: 4 h that day, 4 h on Tuesday.
    state = step(state, { type: 'reply', actor: asRequester, body: 'Dock 4' }, at('2026-03-09T14:00:00+01:00'));
    const due = at('2026-03-10T13:00:00+01:00');
    const assignee = { id: 'a-2', email: 'two@ops.test', name: 'Two' };
    state = step(state, { type: 'assign', actor: agent, assignee }, due - 3 * HOUR);
    const warned = apply(state, { type: 'warnSla', target: 'nextReply' }, at('2026-03-10T11:00:00+01:00'));
    if (!warned.ok) throw new Error(warned.message);
    // The assignee hears of the warning; Support Ops of the breach.
    expect(warned.effects.notifications).toEqual([expect.objectContaining({ kind: 'next_reply_warning', recipient: assignee.email })]);
    const breached = apply(warned.state, { type: 'breachSla', target: 'nextReply' }, due);
    if (!breached.ok) throw new Error(breached.message);
    expect(breached.effects.notifications).toEqual([expect.objectContaining({ kind: 'next_reply_breached', recipient: 'support-ops' })]);
    state = breached.state;
    expect(dueOf(state, 'nextReply')).toBe(iso(due));
    expect(armed(state).some(([, target]) => target === 'nextReply')).toBe(false);
    state = step(state, { type: 'reply', actor: agent, body: 'Done' }, due + HOUR);
    state = step(state, { type: 'reply', actor: asRequester, body: 'Dock 5' }, due + 2 * HOUR);
    // Tuesday 15:00: 3 h that day, 5 h on Wednesday.
    expect(armed(state)).toContainEqual(['breachSla', 'nextReply', iso(at('2026-03-11T14:00:00+01:00'))]);
  });
});

describe('applying another SLA policy version (applySla)', () => {
  const created = at('2026-03-09T09:00:00+01:00');

  it('counts the new targets over the clocks as they stand, keeping the steps taken', () => {
    const faster = pinned('hardware_issue', { slaVersion: 8 });
    faster.targets = structuredClone(faster.targets);
    faster.targets.normal.resolution = { durationMs: 10 * HOUR, time: 'business', calendarId: 'office' };
    const state = step(ticket(created), { type: 'applySla', actor: agent, sla: faster }, at('2026-03-09T12:00:00+01:00'));
    expect(state.sla?.slaVersion).toBe(8);
    // 10 business hours from Monday 9:00.
    expect(dueOf(state, 'resolution')).toBe(iso(at('2026-03-10T10:00:00+01:00')));
    expect(apply(state, { type: 'applySla', actor: agent, sla: faster }, at('2026-03-09T13:00:00+01:00'))).toMatchObject({ ok: false, reason: 'transition' });
  });

  it('gives a ticket that pinned none (an older run) clocks from its creation, its first-reply breach kept', () => {
    let legacy = ticket(created, 'hardware_issue', null);
    legacy = step(legacy, { type: 'breachSla' }, legacy.firstReplyDueAt);
    const applied = step(legacy, { type: 'applySla', actor: agent, sla: pinned('hardware_issue') }, at('2026-03-10T10:00:00+01:00'));
    expect(applied.slaClocks?.steps.firstReply.breachedAt).toBe(legacy.slaBreachedAt);
    expect(armed(applied).some(([, target]) => target === 'firstReply')).toBe(false);
    expect(dueOf(applied, 'resolution')).toBe(iso(at('2026-03-13T13:00:00+01:00')));
  });

  it('is refused to requesters, and a malformed pinned SLA (from the CLI) is refused before the lifecycle sees it', () => {
    expect(apply(ticket(created), { type: 'applySla', actor: asRequester, sla: pinned('hardware_issue', { slaVersion: 8 }) }, created)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(parseMessage('applySla', { actor: agent, sla: { ...pinned('hardware_issue'), warningShare: 2 } })).toMatchObject({ ok: false });
    expect(parseMessage('applySla', { actor: agent, sla: { ...pinned('hardware_issue'), calendars: [] } })).toMatchObject({ ok: false, message: expect.stringContaining('does not pin') });
    expect(parseMessage('applySla', { actor: agent, sla: pinned('hardware_issue') })).toMatchObject({ ok: true });
  });
});
