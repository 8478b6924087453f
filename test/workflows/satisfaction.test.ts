// The satisfaction survey in the pure lifecycle: asked once a delay after Solved, answered once by
// the requester for that solve, never for a ticket that closed unanswered while Pending.
import { describe, expect, it } from 'vitest';
import type { TicketCommand } from '../../workflows/ticket/commands.js';
import { dueDeadline, nextDeadline } from '../../workflows/ticket/deadlines.js';
import { ticketOfRevision } from '../../workflows/ticket/input.js';
import { DEFAULT_POLICY, MAX_SATISFACTION_COMMENT_LENGTH, type Actor, type NewTicket, type TicketState } from '../../workflows/ticket/model.js';
import { parseMessage } from '../../workflows/ticket/parse.js';
import { apply, createTicket, type Outcome } from '../../workflows/ticket/state.js';

const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const requester = { id: 'u-req', email: 'req@example.test', name: 'Requester' };
const cc = { id: 'u-cc', email: 'cc@example.test' };
const agent: Actor = { kind: 'agent', id: 'a-1', name: 'Agent' };
const asRequester: Actor = { kind: 'requester', id: requester.id };
const asCc: Actor = { kind: 'requester', id: cc.id };

const policy = { ...DEFAULT_POLICY, satisfaction: { delayMs: DAY, badRatingNotifiesOps: true } };

function newTicket(overrides: Partial<NewTicket> = {}): NewTicket {
  return { number: 9, type: 'software_issue', subject: 'Dock 4', description: 'Stuck', requester, organizationId: null, ccs: [cc], followUpOf: null, policy, ...overrides };
}

function accepted(outcome: Outcome): TicketState & { effects: Extract<Outcome, { ok: true }>['effects'] } {
  if (!outcome.ok) throw new Error(`refused: ${outcome.message}`);
  return { ...outcome.state, effects: outcome.effects };
}

/** A ticket answered and solved at T0 + 1 h. */
function solved(overrides: Partial<NewTicket> = {}): TicketState {
  const { state } = createTicket(newTicket(overrides), T0);
  return accepted(apply(state, { type: 'reply', actor: agent, body: 'Fixed: the dock is reset.', status: 'solved' }, T0 + HOUR));
}

/** The same, once the survey has gone out (at its deadline). */
function asked(overrides: Partial<NewTicket> = {}) {
  const state = solved(overrides);
  const due = dueDeadline(state, T0 + HOUR + DAY);
  expect(due?.command).toEqual({ type: 'askSatisfaction' });
  return accepted(apply(state, due!.command, T0 + HOUR + DAY));
}

const rate = (survey: number, rating: 'good' | 'bad', comment?: string, actor = asRequester): TicketCommand => ({ type: 'rate', actor, survey, rating, ...(comment === undefined ? {} : { comment }) });

describe('satisfaction survey', () => {
  it('is asked of the requester alone, the delay after Solved, never a millisecond before, with a timer summary', () => {
    const state = solved();
    expect(state.survey).toEqual({ solvedAt: T0 + HOUR, askedSeq: null, rating: null });
    expect(dueDeadline(state, T0 + HOUR + DAY - 1)).toBeNull();
    expect(nextDeadline(state)).toEqual({ command: { type: 'askSatisfaction' }, at: T0 + HOUR + DAY, summary: 'Ask the requester: satisfaction survey' });
    const after = asked();
    expect(after.effects.events).toEqual([expect.objectContaining({ kind: 'satisfaction_requested', actor: expect.objectContaining({ kind: 'system' }), at: T0 + HOUR + DAY })]);
    expect(after.effects.notifications).toEqual([{ seq: after.lastEventSeq, kind: 'satisfaction_survey', recipient: requester.email, recipientId: requester.id }]);
    expect(after.survey).toEqual({ solvedAt: T0 + HOUR, askedSeq: after.lastEventSeq, rating: null });
    // Asked once: the close is what comes next.
    expect(nextDeadline(after)?.command).toEqual({ type: 'autoCloseSolved' });
    expect(apply(after, { type: 'askSatisfaction' }, T0 + 2 * DAY).ok).toBe(false);
  });

  it('is not asked of a ticket closed because a Pending request went unanswered', () => {
    const { state: created } = createTicket(newTicket(), T0);
    let state: TicketState = accepted(apply(created, { type: 'reply', actor: agent, body: 'Which dock?', status: 'pending' }, T0 + HOUR));
    for (;;) {
      const next = nextDeadline(state);
      if (!next) break;
      expect(next.command.type).not.toBe('askSatisfaction');
      state = accepted(apply(state, dueDeadline(state, next.at)!.command, next.at));
      if (state.status === 'closed') break;
    }
    expect(state.status).toBe('closed');
    expect(state.survey ?? null).toBeNull();
  });

  it('after downtime past both the survey and the close, the ticket closes without a survey first', () => {
    const state = solved();
    expect(dueDeadline(state, T0 + HOUR + 10 * DAY)?.command).toEqual({ type: 'autoCloseSolved' });
  });

  it('a reopen before the delay disarms it; a new Solved asks again, the delay after that solve', () => {
    const reopened = accepted(apply(solved(), { type: 'reply', actor: asRequester, body: 'Not fixed' }, T0 + 2 * HOUR));
    expect(reopened.survey).toBeNull();
    expect(nextDeadline(reopened)?.command.type).not.toBe('askSatisfaction');
    const again = accepted(apply(reopened, { type: 'solve', actor: agent }, T0 + 5 * HOUR));
    expect(nextDeadline(again)).toEqual(expect.objectContaining({ command: { type: 'askSatisfaction' }, at: T0 + 5 * HOUR + DAY }));
  });

  it('the requester answers once: an audit event for Support Ops, with the comment; a bad one tells Support Ops', () => {
    const state = asked();
    const good = accepted(apply(state, rate(state.survey!.askedSeq!, 'good', '  Quick and kind  '), T0 + 2 * DAY));
    expect(good.status).toBe('solved');
    expect(good.version).toBe(state.version + 1);
    expect(good.effects.events).toEqual([expect.objectContaining({ kind: 'satisfaction_rated', actor: asRequester, data: { survey: state.survey!.askedSeq, rating: 'good', comment: 'Quick and kind' } })]);
    expect(good.effects.comments).toEqual([]);
    expect(good.effects.notifications).toEqual([]);
    expect(good.survey?.rating).toBe('good');
    // The close stays where it was: a rating is no requester reply.
    expect(nextDeadline(good)).toEqual(nextDeadline(state));

    const bad = accepted(apply(state, rate(state.survey!.askedSeq!, 'bad'), T0 + 2 * DAY));
    expect(bad.effects.events[0].data).toEqual({ survey: state.survey!.askedSeq, rating: 'bad', comment: '' });
    expect(bad.effects.notifications).toEqual([{ seq: bad.lastEventSeq, kind: 'satisfaction_bad', recipient: 'support-ops', recipientId: null }]);

    const quiet = asked({ policy: { ...policy, satisfaction: { delayMs: DAY, badRatingNotifiesOps: false } } });
    expect(accepted(apply(quiet, rate(quiet.survey!.askedSeq!, 'bad'), T0 + 2 * DAY)).effects.notifications).toEqual([]);
  });

  it('refuses a link already used, one for a solve since reopened, a ticket not asked yet, a Closed ticket, and anyone but the requester', () => {
    const state = asked();
    const survey = state.survey!.askedSeq!;
    const used = accepted(apply(state, rate(survey, 'good'), T0 + 2 * DAY));
    expect(apply(used, rate(survey, 'bad'), T0 + 2 * DAY + 1)).toMatchObject({ ok: false, reason: 'transition', message: expect.stringContaining('already been rated') });

    const reopened = accepted(apply(state, { type: 'reopen', actor: agent }, T0 + 2 * DAY));
    expect(apply(reopened, rate(survey, 'good'), T0 + 3 * DAY)).toMatchObject({ ok: false, reason: 'transition', message: expect.stringContaining('reopened') });
    const solvedAgain = accepted(apply(reopened, { type: 'solve', actor: agent }, T0 + 3 * DAY));
    expect(apply(solvedAgain, rate(survey, 'good'), T0 + 3 * DAY + 1)).toMatchObject({ ok: false, message: expect.stringContaining('reopened') });

    expect(apply(solved(), rate(survey, 'good'), T0 + 2 * HOUR)).toMatchObject({ ok: false, reason: 'transition' });
    const closed = accepted(apply(state, { type: 'autoCloseSolved' }, T0 + 5 * DAY));
    expect(apply(closed, rate(survey, 'good'), T0 + 5 * DAY)).toMatchObject({ ok: false, status: 'closed' });

    expect(apply(state, rate(survey, 'good', undefined, asCc), T0 + 2 * DAY)).toMatchObject({ ok: false, reason: 'forbidden' });
    expect(apply(state, rate(survey, 'good', undefined, agent), T0 + 2 * DAY)).toMatchObject({ ok: false, reason: 'forbidden' });
  });

  it('refuses a comment longer than the limit, and malformed input from the Temporal UI or CLI', () => {
    const state = asked();
    const survey = state.survey!.askedSeq!;
    expect(apply(state, rate(survey, 'good', 'x'.repeat(MAX_SATISFACTION_COMMENT_LENGTH + 1)), T0 + 2 * DAY)).toMatchObject({ ok: false, reason: 'invalid' });
    expect(apply(state, rate(survey, 'good', 'x'.repeat(MAX_SATISFACTION_COMMENT_LENGTH)), T0 + 2 * DAY).ok).toBe(true);
    const actor = { kind: 'requester', id: requester.id };
    expect(parseMessage('rate', { actor, survey, rating: 'good', comment: 'Thanks' })).toEqual({ ok: true, command: { type: 'rate', actor, survey, rating: 'good', comment: 'Thanks' } });
    expect(parseMessage('rate', { actor, survey, rating: 'meh' })).toMatchObject({ ok: false, message: expect.stringContaining('"rating"') });
    expect(parseMessage('rate', { actor, rating: 'good' })).toMatchObject({ ok: false, message: expect.stringContaining('"survey"') });
    expect(parseMessage('rate', { actor, survey, rating: 'good', comment: 42 })).toMatchObject({ ok: false, message: expect.stringContaining('"comment"') });
    for (const comment of ['nul \u0000 here', 'lone \ud800 half']) expect(parseMessage('rate', { actor, survey, rating: 'bad', comment })).toMatchObject({ ok: false, message: expect.stringContaining('not text') });
  });

  it('a ticket without a satisfaction policy (runs before revision 6) is never asked', () => {
    const { satisfaction: _none, ...older } = policy;
    const state = solved({ policy: older });
    expect(state.survey ?? null).toBeNull();
    expect(nextDeadline(state)?.command).toEqual({ type: 'autoCloseSolved' });
    expect(ticketOfRevision(newTicket(), 5).policy.satisfaction).toBeUndefined();
    expect(ticketOfRevision(newTicket(), 6).policy.satisfaction).toEqual(policy.satisfaction);
  });
});
