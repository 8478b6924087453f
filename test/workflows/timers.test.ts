// Durable timers on a real Temporal server, with the policy scaled from days to seconds:
// reminder at "3 days", close at "5 days" in Pending, close at "4 days" in Solved, SLA breach.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketGoneError } from '../../src/tickets/errors.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually, pause } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY });
});
afterAll(async () => stack?.close());

const agent = agentActor();

describe.concurrent('ticket timers', () => {
  it('Pending without an answer: one reminder at the reminder delay, closed at the close delay', async () => {
    const { number, requester } = await newTicket(stack);
    const pending = await stack.desk.send(number, 'reply', { actor: agent, body: 'Which bike?', status: 'pending' });
    const pendingSince = pending.statusChangedAt;

    const finalState = await stack.client.workflow.getHandle(ticketWorkflowId(number)).result();
    expect(finalState.status).toBe('closed');

    const { row, events, mail } = await projection(stack, number);
    expect(row.status).toBe('closed');
    const reminders = events.filter((e) => e.kind === 'pending_reminder_sent');
    expect(reminders).toHaveLength(1);
    // Never early; and the reminder comes before the close.
    expect(reminders[0].at.getTime()).toBeGreaterThanOrEqual(pendingSince + FAST_POLICY.pendingReminderMs);
    expect(reminders[0].at.getTime()).toBeLessThan(pendingSince + FAST_POLICY.pendingAutoCloseMs);
    const close = events.find((e) => e.toStatus === 'closed');
    expect(close?.at.getTime()).toBeGreaterThanOrEqual(pendingSince + FAST_POLICY.pendingAutoCloseMs);
    expect(row.closedAt?.getTime()).toBe(close?.at.getTime());
    expect(mail.filter((m) => m.kind === 'pending_reminder').map((m) => m.recipient)).toEqual([requester.email]);
    expect(mail.filter((m) => m.kind === 'ticket_closed')).toHaveLength(1);
  });

  it('a requester answer before the reminder cancels both the reminder and the close', async () => {
    const { number, requester } = await newTicket(stack);
    await stack.desk.send(number, 'setPending', { actor: agent });
    await pause(FAST_POLICY.pendingReminderMs / 3);
    const answered = await stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Bike 42' });
    expect(answered.status).toBe('open');
    await pause(FAST_POLICY.pendingAutoCloseMs + 1_000);
    const { row, events } = await projection(stack, number);
    expect(row.status).toBe('open');
    expect(events.some((e) => e.kind === 'pending_reminder_sent')).toBe(false);
  });

  it('an answer after the reminder still cancels the close, and a new Pending re-arms both', async () => {
    const { number, requester } = await newTicket(stack);
    await stack.desk.send(number, 'setPending', { actor: agent });
    await eventually(async () => {
      const { events } = await projection(stack, number);
      expect(events.some((e) => e.kind === 'pending_reminder_sent')).toBe(true);
    });
    await stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Sorry, here it is' });
    const again = await stack.desk.send(number, 'setPending', { actor: agent });
    await stack.client.workflow.getHandle(ticketWorkflowId(number)).result();
    const { events } = await projection(stack, number);
    const reminders = events.filter((e) => e.kind === 'pending_reminder_sent');
    expect(reminders).toHaveLength(2);
    expect(reminders[1].at.getTime()).toBeGreaterThanOrEqual(again.statusChangedAt + FAST_POLICY.pendingReminderMs);
  });

  it('Solved becomes Closed after the solved delay; then replies are refused and the workflow has ended', async () => {
    const { number, requester } = await newTicket(stack);
    const solved = await stack.desk.send(number, 'solve', { actor: agent });
    await stack.client.workflow.getHandle(ticketWorkflowId(number)).result();
    const { row, events } = await projection(stack, number);
    expect(row.status).toBe('closed');
    expect(events.at(-1)?.at.getTime()).toBeGreaterThanOrEqual(solved.statusChangedAt + FAST_POLICY.solvedAutoCloseMs);
    await expect(stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'Hello?' })).rejects.toBeInstanceOf(TicketGoneError);
    expect((await projection(stack, number)).row.version).toBe(row.version);
  });

  it('a reply to a Solved ticket before the close reopens it and disarms the close', async () => {
    const { number, requester } = await newTicket(stack);
    await stack.desk.send(number, 'solve', { actor: agent });
    await pause(FAST_POLICY.solvedAutoCloseMs / 2);
    const reopened = await stack.desk.send(number, 'reply', { actor: requesterActor(requester), body: 'It broke again' });
    expect(reopened.status).toBe('open');
    await pause(FAST_POLICY.solvedAutoCloseMs);
    expect((await projection(stack, number)).row.status).toBe('open');
  });

  it('the first-reply SLA breach is recorded at its target and findable by search attribute', async () => {
    const { number } = await newTicket(stack, { type: 'critical' });
    const created = await stack.desk.state(number);
    await eventually(async () => {
      const { row } = await projection(stack, number);
      expect(row.slaBreachedAt?.getTime()).toBe(created.firstReplyDueAt);
    });
    expect(created.firstReplyDueAt).toBe(created.createdAt + FAST_POLICY.firstReplyTargetMs.critical);
    const { mail, events } = await projection(stack, number);
    expect(mail.map((m) => m.kind)).toEqual(['ticket_created', 'critical_created', 'sla_breached']);
    expect(events.filter((e) => e.kind === 'sla_breached')).toHaveLength(1);
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of stack.client.workflow.list({ query: `SlaBreached = true AND TicketNumber = ${number}` })) found.push(wf.workflowId);
      expect(found).toEqual([ticketWorkflowId(number)]);
    });
  });

  it('a first public reply before the target keeps the SLA', async () => {
    const { number } = await newTicket(stack, { type: 'critical' });
    await stack.desk.send(number, 'reply', { actor: agent, body: 'On it' });
    await pause(FAST_POLICY.firstReplyTargetMs.critical + 1_000);
    const { row } = await projection(stack, number);
    expect(row.slaBreachedAt).toBeNull();
    expect(row.firstRepliedAt).not.toBeNull();
  });
});
