// The pure lifecycle: every status against every command, allowed and refused.
import { describe, expect, it } from 'vitest';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import { dueDeadline, nextDeadline } from '../../workflows/ticket/deadlines.js';
import { DEFAULT_POLICY, STATUS_LABELS, TICKET_STATUSES, type Actor, type TicketState, type TicketStatus } from '../../workflows/ticket/model.js';
import { parseMessage } from '../../workflows/ticket/parse.js';
import { apply, check, createTicket, upgradeState } from '../../workflows/ticket/state.js';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const requester = { id: 'u-req', email: 'req@example.test', name: 'Requester' };
const cc = { id: 'u-cc', email: 'cc@example.test', name: 'Colleague' };
const stranger = { id: 'u-out', email: 'out@example.test' };
const agent: Actor = { kind: 'agent', id: 'a-1', name: 'Agent' };
const asRequester: Actor = { kind: 'requester', id: requester.id };
const asCc: Actor = { kind: 'requester', id: cc.id };
const asOutsider: Actor = { kind: 'requester', id: stranger.id };

function ticketIn(status: TicketStatus, type: 'critical' | 'software_issue' = 'software_issue'): TicketState {
  const { state } = createTicket(
    { number: 7, type, subject: 'Bike locks', description: 'They stick', requester, organizationId: 'org-1', ccs: [cc], followUpOf: null, policy: DEFAULT_POLICY },
    T0,
  );
  return { ...state, status, statusChangedAt: T0, solvedAt: status === 'solved' ? T0 : null, closedAt: status === 'closed' ? T0 : null };
}

/** What each agent command does from each status: the status it leads to, or null for refused. */
const AGENT_MATRIX: Record<string, Record<TicketStatus, TicketStatus | null>> = {
  setPending: { open: 'pending', pending: null, 'on-hold': 'pending', solved: 'pending', closed: null },
  putOnHold: { open: 'on-hold', pending: 'on-hold', 'on-hold': null, solved: 'on-hold', closed: null },
  solve: { open: 'solved', pending: 'solved', 'on-hold': 'solved', solved: null, closed: null },
  reopen: { open: null, pending: 'open', 'on-hold': 'open', solved: 'open', closed: null },
};

const commandOf = (type: string, actor: Actor) => ({ type, actor }) as TicketCommand;

describe('agent status changes', () => {
  for (const [command, row] of Object.entries(AGENT_MATRIX)) {
    for (const from of TICKET_STATUSES) {
      const to = row[from];
      it(`${command} from ${from} → ${to ?? 'refused'}`, () => {
        const before = ticketIn(from);
        const outcome = apply(before, commandOf(command, agent), T0 + 1000);
        if (to === null) {
          expect(outcome.ok).toBe(false);
          if (!outcome.ok) {
            expect(outcome.reason).toBe('transition');
            expect(outcome.message).toContain(STATUS_LABELS[from]);
            expect(outcome.status).toBe(from);
          }
          expect(check(before, commandOf(command, agent))).not.toBeNull();
        } else {
          expect(outcome.ok).toBe(true);
          if (outcome.ok) {
            expect(outcome.state.status).toBe(to);
            expect(outcome.state.version).toBe(before.version + 1);
            expect(outcome.effects.events).toEqual([
              expect.objectContaining({ kind: 'status_changed', fromStatus: from, toStatus: to, actor: agent, at: T0 + 1000 }),
            ]);
          }
        }
        // A refused or accepted command never mutates the state it was given.
        expect(before).toEqual(ticketIn(from));
      });
    }
  }
});

describe('replies', () => {
  for (const from of TICKET_STATUSES) {
    const expected = from === 'closed' ? null : 'open';
    it(`requester reply on ${from} → ${expected ?? 'refused'}`, () => {
      const outcome = apply(ticketIn(from), { type: 'reply', actor: asRequester, body: 'Here is more' }, T0 + 5);
      if (expected === null) {
        expect(outcome).toMatchObject({ ok: false, reason: 'transition', status: 'closed' });
        if (!outcome.ok) expect(outcome.message).toMatch(/Closed.*follow-up/);
        return;
      }
      expect(outcome.ok).toBe(true);
      if (!outcome.ok) return;
      expect(outcome.state.status).toBe('open');
      expect(outcome.effects.comments).toEqual([expect.objectContaining({ body: 'Here is more', internal: false })]);
      const kinds = outcome.effects.events.map((e) => e.kind);
      expect(kinds).toEqual(from === 'open' ? ['commented'] : ['commented', 'status_changed']);
    });

    it(`CC'd user reply on ${from} behaves like the requester's`, () => {
      const outcome = apply(ticketIn(from), { type: 'reply', actor: asCc, body: 'Same here' }, T0 + 5);
      expect(outcome.ok).toBe(from !== 'closed');
      if (outcome.ok) expect(outcome.state.status).toBe('open');
    });

    it(`agent reply "submit as" pending on ${from}`, () => {
      const outcome = apply(ticketIn(from), { type: 'reply', actor: agent, body: 'Which bike?', status: 'pending' }, T0 + 5);
      expect(outcome.ok).toBe(from !== 'closed');
      if (!outcome.ok) return;
      expect(outcome.state.status).toBe('pending');
      expect(outcome.state.firstRepliedAt).toBe(T0 + 5);
      expect(outcome.effects.notifications.map((n) => n.recipient)).toEqual(expect.arrayContaining([requester.email, cc.email]));
    });
  }

  it('an internal note is hidden work: no first reply, no notification to the requester', () => {
    const outcome = apply(ticketIn('open'), { type: 'reply', actor: agent, body: 'Checking logs', internal: true }, T0 + 5);
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.effects.comments[0].internal).toBe(true);
    expect(outcome.state.firstRepliedAt).toBeNull();
    expect(outcome.effects.notifications).toEqual([]);
  });

  it('requesters cannot write internal notes or change the status with a reply', () => {
    expect(apply(ticketIn('open'), { type: 'reply', actor: asRequester, body: 'x', internal: true }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(ticketIn('open'), { type: 'reply', actor: asRequester, body: 'x', status: 'solved' }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('an outsider cannot reply, and an empty or oversized reply is refused', () => {
    expect(apply(ticketIn('open'), { type: 'reply', actor: asOutsider, body: 'hi' }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(ticketIn('open'), { type: 'reply', actor: agent, body: '   ' }, T0)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(apply(ticketIn('open'), { type: 'reply', actor: agent, body: 'x'.repeat(32_001) }, T0)).toMatchObject({ ok: false, reason: 'invalid' });
  });
});

describe('requester status changes', () => {
  for (const from of TICKET_STATUSES) {
    const expected = from === 'closed' || from === 'solved' ? null : 'solved';
    it(`the requester marks their ticket Solved from ${from} → ${expected ?? 'refused'}`, () => {
      const outcome = apply(ticketIn(from), { type: 'solve', actor: asRequester }, T0);
      expect(outcome.ok).toBe(expected !== null);
      if (outcome.ok) expect(outcome.state.status).toBe('solved');
    });
  }
  for (const command of ['setPending', 'putOnHold', 'reopen']) {
    it(`a requester cannot ${command}`, () => {
      expect(apply(ticketIn('on-hold'), commandOf(command, asRequester), T0)).toMatchObject({ ok: false, reason: 'forbidden' });
    });
  }
  it('a CC\u2019d user cannot solve the requester\u2019s ticket', () => {
    expect(apply(ticketIn('open'), { type: 'solve', actor: asCc }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('assignment and CCs', () => {
  const bob = { id: 'a-2', email: 'bob@ops.test', name: 'Bob' };
  for (const from of TICKET_STATUSES) {
    it(`assign on ${from}`, () => {
      const outcome = apply(ticketIn(from), { type: 'assign', actor: agent, assignee: bob }, T0);
      expect(outcome.ok).toBe(from !== 'closed');
      if (outcome.ok) expect(outcome.state.assignee).toEqual(bob);
    });
    it(`addCc and removeCc on ${from}`, () => {
      const added = apply(ticketIn(from), { type: 'addCc', actor: asRequester, person: stranger }, T0);
      const removed = apply(ticketIn(from), { type: 'removeCc', actor: agent, personId: cc.id }, T0);
      expect(added.ok).toBe(from !== 'closed');
      expect(removed.ok).toBe(from !== 'closed');
      if (added.ok) expect(added.state.ccs.map((p) => p.id)).toEqual([cc.id, stranger.id]);
      if (removed.ok) expect(removed.state.ccs).toEqual([]);
    });
  }
  it('refuses a repeated assignment, a duplicate CC and a requester assigning', () => {
    const assigned = apply(ticketIn('open'), { type: 'assign', actor: agent, assignee: bob }, T0);
    if (!assigned.ok) throw new Error('setup');
    expect(apply(assigned.state, { type: 'assign', actor: agent, assignee: bob }, T0)).toMatchObject({ ok: false, reason: 'transition' });
    expect(apply(ticketIn('open'), { type: 'addCc', actor: agent, person: cc }, T0)).toMatchObject({ ok: false, reason: 'transition' });
    expect(apply(ticketIn('open'), { type: 'assign', actor: asRequester, assignee: bob }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
  });
  it('a CC\u2019d user may take themselves off but not others', () => {
    expect(apply(ticketIn('open'), { type: 'removeCc', actor: asCc, personId: cc.id }, T0).ok).toBe(true);
    const withTwo = apply(ticketIn('open'), { type: 'addCc', actor: agent, person: stranger }, T0);
    if (!withTwo.ok) throw new Error('setup');
    expect(apply(withTwo.state, { type: 'removeCc', actor: asCc, personId: stranger.id }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
  });
});

describe('priority and tags', () => {
  const PRIORITY_MATRIX: Record<TicketStatus, boolean> = { open: true, pending: true, 'on-hold': true, solved: true, closed: false };
  for (const from of TICKET_STATUSES) {
    it(`setPriority and changeTags from ${from} → ${PRIORITY_MATRIX[from] ? 'accepted, status unchanged' : 'refused'}`, () => {
      const before = ticketIn(from);
      const priority = apply(before, { type: 'setPriority', actor: agent, priority: 'high' }, T0 + 1);
      const tagged = apply(before, { type: 'changeTags', actor: agent, add: ['wifi', 'dock-12'] }, T0 + 1);
      if (!PRIORITY_MATRIX[from]) {
        for (const outcome of [priority, tagged]) expect(outcome).toMatchObject({ ok: false, reason: 'transition', status: 'closed' });
        return;
      }
      expect(priority.ok && priority.state).toMatchObject({ priority: 'high', status: from, version: before.version + 1 });
      expect(priority.ok && priority.effects.events).toEqual([expect.objectContaining({ kind: 'priority_changed', actor: agent, data: { from: 'normal', to: 'high' } })]);
      expect(tagged.ok && tagged.state).toMatchObject({ tags: ['wifi', 'dock-12'], status: from });
      expect(tagged.ok && tagged.effects).toMatchObject({ events: [{ kind: 'tags_changed', data: { added: ['wifi', 'dock-12'], removed: [] } }], comments: [], notifications: [] });
    });
  }

  it('a Critical / SEV ticket starts Urgent, any other Normal, untagged', () => {
    expect(ticketIn('open', 'critical')).toMatchObject({ priority: 'urgent', tags: [] });
    expect(ticketIn('open')).toMatchObject({ priority: 'normal', tags: [] });
  });

  it('only Support Ops set them; the same priority again, or no change of tags, is refused', () => {
    const before = ticketIn('open');
    for (const actor of [asRequester, asCc, asOutsider]) {
      expect(apply(before, { type: 'setPriority', actor, priority: 'urgent' }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
      expect(apply(before, { type: 'changeTags', actor, add: ['x'] }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
    }
    expect(apply(before, { type: 'setPriority', actor: agent, priority: 'normal' }, T0)).toMatchObject({ ok: false, reason: 'transition', message: 'Ticket #7 is already Normal priority.' });
    const tagged = apply(before, { type: 'changeTags', actor: agent, add: ['wifi'] }, T0);
    if (!tagged.ok) throw new Error(tagged.message);
    expect(apply(tagged.state, { type: 'changeTags', actor: agent, add: ['wifi'], remove: ['absent'] }, T0)).toMatchObject({ ok: false, reason: 'transition' });
    const moved = apply(tagged.state, { type: 'changeTags', actor: agent, add: ['printer'], remove: ['wifi'] }, T0);
    expect(moved.ok && moved.state.tags).toEqual(['printer']);
    expect(moved.ok && moved.effects.events[0].data).toEqual({ added: ['printer'], removed: ['wifi'] });
    const many = Array.from({ length: 21 }, (_, i) => `t${i}`);
    expect(apply(before, { type: 'changeTags', actor: agent, add: many }, T0)).toMatchObject({ ok: false, reason: 'invalid' });
  });

  it('a reply carries a canned reply’s actions: all in one change, no-ops skipped, any refusal refusing the whole', () => {
    const before = ticketIn('open');
    const macro = { id: 'm-1', title: 'Need the serial' };
    const outcome = apply(before, { type: 'reply', actor: agent, body: 'Serial?', status: 'pending', priority: 'normal', addTags: ['serial'], assignee: { id: 'a-1', email: 'a@ops.test' }, macro }, T0 + 5);
    if (!outcome.ok) throw new Error(outcome.message);
    expect(outcome.state).toMatchObject({ status: 'pending', priority: 'normal', tags: ['serial'], assignee: { id: 'a-1' }, version: before.version + 1 });
    expect(outcome.effects.events.map((e) => e.kind)).toEqual(['commented', 'status_changed', 'tags_changed', 'assigned']);
    expect(outcome.effects.events[0].data).toMatchObject({ macro });
    expect(outcome.effects.comments).toHaveLength(1);
    const full = { ...before, tags: Array.from({ length: 20 }, (_, i) => `t${i}`) };
    expect(apply(full, { type: 'reply', actor: agent, body: 'x', status: 'solved', addTags: ['one-more'] }, T0)).toMatchObject({ ok: false, reason: 'invalid', status: 'open' });
    expect(apply(before, { type: 'reply', actor: asRequester, body: 'x', priority: 'urgent' }, T0)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(parseMessage('reply', { actor: agent, body: 'x', priority: 'high', addTags: ['A b'], assignee: null, macro })).toMatchObject({
      ok: true,
      command: { priority: 'high', addTags: ['a-b'], assignee: null, macro },
    });
    expect(parseMessage('reply', { actor: agent, body: 'x', macro: 'm-1' })).toMatchObject({ ok: false });
  });

  it('a reply sent against a version someone else has moved on from is refused as stale', () => {
    const read = ticketIn('open');
    const answered = apply(read, { type: 'reply', actor: asRequester, body: 'More details' }, T0 + 1);
    if (!answered.ok) throw new Error(answered.message);
    expect(answered.state.lastConversationChange).toEqual({ version: read.version + 1, actorId: requester.id });
    expect(apply(answered.state, { type: 'reply', actor: agent, body: 'On it', seenVersion: read.version }, T0 + 2)).toMatchObject({ ok: false, reason: 'stale', status: 'open' });
    expect(apply(answered.state, { type: 'reply', actor: agent, body: 'On it', seenVersion: answered.state.version }, T0 + 2).ok).toBe(true);
    // The sender's own change, a tag, a timer: not stale.
    expect(apply(answered.state, { type: 'reply', actor: asRequester, body: 'And this', seenVersion: read.version }, T0 + 2).ok).toBe(true);
    const tagged = apply(answered.state, { type: 'changeTags', actor: { ...agent, id: 'a-2' }, add: ['x'] }, T0 + 3);
    expect(tagged.ok && apply(tagged.state, { type: 'reply', actor: agent, body: 'Ok', seenVersion: answered.state.version }, T0 + 4).ok).toBe(true);
    expect(parseMessage('reply', { actor: agent, body: 'x', seenVersion: -1 })).toMatchObject({ ok: false });
  });

  it('a state carried from before priorities (revision 3) reads as a new ticket’s', () => {
    const { priority: _p, tags: _t, ...old } = ticketIn('pending', 'critical');
    const carried = old as TicketState;
    expect(upgradeState(carried)).toMatchObject({ priority: 'urgent', tags: [] });
    const outcome = apply(carried, { type: 'changeTags', actor: agent, add: ['legacy'] }, T0);
    expect(outcome.ok && outcome.state).toMatchObject({ priority: 'urgent', tags: ['legacy'] });
    expect(apply(carried, { type: 'reply', actor: agent, body: 'Still there' }, T0).ok).toBe(true);
  });
});

describe('timers', () => {
  it('creation arms the first-reply SLA; Critical / SEV notifies Support Ops at once', () => {
    const critical = createTicket(
      { number: 1, type: 'critical', subject: 's', description: 'd', requester, organizationId: null, ccs: [], followUpOf: null, policy: DEFAULT_POLICY },
      T0,
    );
    expect(critical.effects.notifications.map((n) => n.kind)).toEqual(['ticket_created', 'critical_created']);
    expect(nextDeadline(critical.state)).toMatchObject({ command: { type: 'breachSla' }, at: T0 + DEFAULT_POLICY.firstReplyTargetMs.critical });
  });

  it('Pending: reminder once at 3 days, close at 5; the reminder is not re-armed once sent', () => {
    const pending = { ...ticketIn('pending'), firstRepliedAt: T0 };
    expect(nextDeadline(pending)).toMatchObject({ command: { type: 'remindPending' }, at: T0 + 3 * 86_400_000 });
    const reminded = apply(pending, { type: 'remindPending' }, T0 + 3 * 86_400_000);
    if (!reminded.ok) throw new Error(reminded.message);
    expect(reminded.effects.notifications).toEqual([expect.objectContaining({ kind: 'pending_reminder', recipient: requester.email })]);
    expect(nextDeadline(reminded.state)).toMatchObject({ command: { type: 'autoClosePending' }, at: T0 + 5 * 86_400_000 });
    expect(apply(reminded.state, { type: 'remindPending' }, T0 + 3 * 86_400_000)).toMatchObject({ ok: false });
    const closed = apply(reminded.state, { type: 'autoClosePending' }, T0 + 5 * 86_400_000);
    if (!closed.ok) throw new Error(closed.message);
    expect(closed.state).toMatchObject({ status: 'closed', closedAt: T0 + 5 * 86_400_000 });
    expect(nextDeadline(closed.state)).toBeNull();
  });

  it('a requester reply while Pending cancels the reminder and the close', () => {
    const pending = { ...ticketIn('pending'), firstRepliedAt: T0 };
    const answered = apply(pending, { type: 'reply', actor: asRequester, body: 'Bike 42' }, T0 + 1000);
    if (!answered.ok) throw new Error(answered.message);
    expect(nextDeadline(answered.state)).toBeNull();
  });

  it('Solved closes after 4 days; a reply before that reopens and disarms it', () => {
    const solved = { ...ticketIn('solved'), firstRepliedAt: T0 };
    expect(nextDeadline(solved)).toMatchObject({ command: { type: 'autoCloseSolved' }, at: T0 + 4 * 86_400_000 });
    const reopened = apply(solved, { type: 'reply', actor: asRequester, body: 'Still broken' }, T0 + 1000);
    if (!reopened.ok) throw new Error(reopened.message);
    expect(reopened.state.status).toBe('open');
    expect(nextDeadline(reopened.state)).toBeNull();
  });

  it('the SLA breach is recorded at the target instant, not when the timer was delivered', () => {
    const open = ticketIn('open');
    const late = apply(open, { type: 'breachSla' }, open.firstReplyDueAt + 750);
    if (!late.ok) throw new Error(late.message);
    expect(late.state.slaBreachedAt).toBe(open.firstReplyDueAt);
    expect(late.effects.notifications).toEqual([expect.objectContaining({ kind: 'sla_breached', recipient: 'support-ops' })]);
  });

  it('after downtime, a Pending ticket whose close is due closes without a reminder first', () => {
    const pending = { ...ticketIn('pending'), firstRepliedAt: T0 };
    // Between the two deadlines: the reminder.
    expect(dueDeadline(pending, T0 + 4 * 86_400_000)).toMatchObject({ command: { type: 'remindPending' } });
    // Both due: the close only.
    expect(dueDeadline(pending, T0 + 6 * 86_400_000)).toMatchObject({ command: { type: 'autoClosePending' } });
    // Nothing due yet: nothing.
    expect(dueDeadline(pending, T0 + 86_400_000)).toBeNull();
    // An SLA breach due at the same time still fires: it is Support Ops' alarm, not the requester's.
    const unanswered = ticketIn('pending');
    expect(dueDeadline(unanswered, T0 + 6 * 86_400_000)).toMatchObject({ command: { type: 'breachSla' } });
  });

  it('timer commands that no longer apply are refused', () => {
    expect(apply(ticketIn('open'), { type: 'autoClosePending' }, T0).ok).toBe(false);
    expect(apply(ticketIn('pending'), { type: 'autoCloseSolved' }, T0).ok).toBe(false);
    expect(apply({ ...ticketIn('open'), firstRepliedAt: T0 }, { type: 'breachSla' }, T0).ok).toBe(false);
  });
});

describe('message parsing (input from the Temporal UI or CLI)', () => {
  it('accepts well-formed input and refuses malformed input with a reason', () => {
    expect(parseMessage('reply', { actor: agent, body: 'Hi', status: 'pending' })).toMatchObject({ ok: true, command: { type: 'reply', status: 'pending' } });
    expect(parseMessage('reply', { actor: agent, body: 'Hi', status: 'closed' })).toMatchObject({ ok: false, message: expect.stringContaining('"status"') });
    expect(parseMessage('solve', { actor: { kind: 'system', id: 'x' } })).toMatchObject({ ok: false, message: expect.stringContaining('actor.kind') });
    expect(parseMessage('assign', { actor: agent, assignee: { id: 'a', email: 'nope' } })).toMatchObject({ ok: false });
    expect(parseMessage('removeCc', { actor: agent })).toMatchObject({ ok: false, message: expect.stringContaining('personId') });
    expect(parseMessage('setPending', 'text')).toMatchObject({ ok: false });
    expect(parseMessage('setPriority', { actor: agent, priority: 'urgent' })).toMatchObject({ ok: true, command: { type: 'setPriority', priority: 'urgent' } });
    expect(parseMessage('setPriority', { actor: agent, priority: 'critical' })).toMatchObject({ ok: false, message: expect.stringContaining('"priority"') });
    // Tags are normalised: one spelling each.
    expect(parseMessage('changeTags', { actor: agent, add: [' Vélo ', 'VÉLO', '#Dock 12'], remove: ['Wi-Fi'] })).toMatchObject({
      ok: true,
      command: { type: 'changeTags', add: ['vélo', 'dock-12'], remove: ['wi-fi'] },
    });
    expect(parseMessage('changeTags', { actor: agent })).toMatchObject({ ok: false });
    expect(parseMessage('changeTags', { actor: agent, add: ['no/slash'] })).toMatchObject({ ok: false, message: expect.stringContaining('not a tag') });
    expect(parseMessage('changeTags', { actor: agent, add: ['x'.repeat(41)] })).toMatchObject({ ok: false });
  });

  it('refuses text Postgres or mail cannot carry anywhere in the input: NUL, controls, lone surrogates, noncharacters', () => {
    expect(parseMessage('reply', { actor: agent, body: 'a\u0000b' })).toMatchObject({ ok: false, message: expect.stringContaining('NUL') });
    for (const bad of ['\uD800', 'x\uDC00y', '\u0007bell', '\u009B', '\uFFFE', '\uFDD0', String.fromCodePoint(0x10ffff)]) {
      expect(parseMessage('reply', { actor: agent, body: bad })).toMatchObject({ ok: false, message: expect.stringContaining('not text') });
    }
    expect(parseMessage('reply', { actor: { ...agent, name: 'Ops \uD83D' }, body: 'fine' })).toMatchObject({ ok: false });
    // Whole characters outside the basic plane, tabs and line breaks are text.
    expect(parseMessage('reply', { actor: agent, body: 'Vélo 🚲\tdock\r\n5' })).toMatchObject({ ok: true });
    expect(parseMessage('addCc', { actor: agent, person: { id: 'p', email: 'p@x.test', name: 'P\u0000' } })).toMatchObject({ ok: false });
    expect(parseMessage('reply', { actor: agent, body: 'a literal \\u0000 is fine' })).toMatchObject({ ok: true });
  });
});
