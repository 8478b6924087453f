// Updates and Signals: the same names, the same code path; refusals leave nothing behind.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { TicketRefusedError } from '../../src/tickets/errors.js';
import { signals } from '../../workflows/ticket/messages.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, person, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

const agent = agentActor();

async function historyEventTypes(number: number): Promise<string[]> {
  const history = await stack.client.workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
  return (history.events ?? []).map((e) => String(e.eventType));
}

describe('updates', () => {
  it('a refused Update names the status, changes nothing and leaves no trace in history', async () => {
    const { number, requester } = await newTicket(stack);
    const before = await projection(stack, number);
    const historyBefore = await historyEventTypes(number);

    const attempt = stack.desk.send(number, 'reopen', { actor: agent });
    await expect(attempt).rejects.toBeInstanceOf(TicketRefusedError);
    await expect(attempt).rejects.toMatchObject({ reason: 'transition', status: 'open', message: expect.stringContaining('already Open') });
    await expect(stack.desk.send(number, 'setPending', { actor: requesterActor(requester) })).rejects.toMatchObject({ reason: 'forbidden' });
    await expect(stack.desk.send(number, 'reply', { actor: agent, body: '' })).rejects.toMatchObject({ reason: 'invalid' });
    // Straight from a client that skipped the API's validation: still refused cleanly.
    await expect(stack.desk.send(number, 'reply', { nonsense: true } as never)).rejects.toMatchObject({ reason: 'invalid' });

    expect(await projection(stack, number)).toEqual(before);
    expect(await historyEventTypes(number)).toEqual(historyBefore);
  });

  it('an Update returns only after its projection is written (read-your-writes)', async () => {
    const { number } = await newTicket(stack);
    const colleague = person('colleague');
    const steps = [
      () => stack.desk.send(number, 'reply', { actor: agent, body: 'Can you send a photo?', status: 'pending' }),
      () => stack.desk.send(number, 'putOnHold', { actor: agent }),
      () => stack.desk.send(number, 'assign', { actor: agent, assignee: { id: 'agent-7', email: 'seven@ops.test', name: 'Seven' } }),
      () => stack.desk.send(number, 'addCc', { actor: agent, person: colleague }),
      () => stack.desk.send(number, 'removeCc', { actor: agent, personId: colleague.id }),
      () => stack.desk.send(number, 'reply', { actor: agent, body: 'Internal: vendor ticket 88', internal: true }),
      () => stack.desk.send(number, 'reopen', { actor: agent }),
      () => stack.desk.send(number, 'solve', { actor: agent }),
    ];
    for (const step of steps) {
      const state = await step();
      const { row, events, comments } = await projection(stack, number);
      expect(row.version).toBe(state.version);
      expect(row.status).toBe(state.status);
      expect(row.assigneeId).toBe(state.assignee?.id ?? null);
      expect(row.ccIds).toEqual(state.ccs.map((p) => p.id));
      expect(events.at(-1)?.seq).toBe(state.lastEventSeq);
      expect(comments).toHaveLength(state.commentCount);
    }
  });

  it('concurrent Updates are all applied, in some order, with every comment kept', async () => {
    const { number, requester } = await newTicket(stack);
    const bodies = Array.from({ length: 12 }, (_, i) => `message ${i}`);
    await Promise.all(bodies.map((body, i) => stack.desk.send(number, 'reply', { actor: i % 2 ? agent : requesterActor(requester), body })));
    const { row, comments } = await projection(stack, number);
    expect(row.version).toBe(1 + bodies.length);
    expect(comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...bodies].sort());
  });

  it('the same update id twice is applied once', async () => {
    const { number } = await newTicket(stack);
    const request = { userId: agent.id, requestId: randomUUID() };
    const first = await stack.desk.send(number, 'reply', { actor: agent, body: 'Once' }, request);
    await stack.desk.send(number, 'reply', { actor: agent, body: 'Once' }, request);
    const { row, comments } = await projection(stack, number);
    expect(row.version).toBe(first.version);
    expect(comments.filter((c) => c.body === 'Once')).toHaveLength(1);
  });
});

describe('signals', () => {
  it('a Signal runs the same transition as the Update of the same name', async () => {
    const { number } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    await handle.signal(signals.reply, { actor: agent, body: 'From the CLI', status: 'on-hold' });
    await eventually(async () => expect((await projection(stack, number)).row.status).toBe('on-hold'));
    const { comments, events } = await projection(stack, number);
    expect(comments.at(-1)?.body).toBe('From the CLI');
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', fromStatus: 'open', toStatus: 'on-hold', actorKind: 'agent' });
  });

  it('refused and malformed Signals are ignored and the ticket carries on', async () => {
    const { number } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    await handle.signal(signals.reopen, { actor: agent });
    await handle.signal(signals.solve, {} as never);
    await handle.signal('solve', 'not even an object' as never);
    await handle.signal(signals.putOnHold, { actor: agent });
    await eventually(async () => expect((await projection(stack, number)).row.status).toBe('on-hold'));
    const state = await stack.desk.state(number);
    expect(state.version).toBe(2);
    expect((await handle.describe()).status.name).toBe('RUNNING');
  });
});

describe('creation', () => {
  it('the same request id twice gives the same ticket, never two', async () => {
    const requester = person('twice');
    const input = {
      requestId: randomUUID(),
      type: 'hardware_issue' as const,
      subject: 'Scanner dead',
      description: 'The dock scanner shows nothing',
      requester,
      organizationId: 'org-a',
      ccs: [],
      followUpOf: null,
    };
    const [a, b] = await Promise.all([stack.desk.create(input), stack.desk.create(input)]);
    const c = await stack.desk.create(input);
    expect(b.number).toBe(a.number);
    expect(c.number).toBe(a.number);
    const { row, mail } = await projection(stack, a.number);
    expect(row.version).toBe(1);
    expect(mail.filter((m) => m.kind === 'ticket_created')).toEqual([expect.objectContaining({ recipient: requester.email })]);
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of stack.client.workflow.list({ query: `Requester = "${requester.email}"` })) found.push(wf.workflowId);
      expect(found).toEqual([ticketWorkflowId(a.number)]);
    });
  });

  it('numbers are sequential and the workflow carries its summary and search attributes', async () => {
    const first = await newTicket(stack, { subject: 'First' });
    const second = await newTicket(stack, { subject: 'Second' });
    expect(second.number).toBeGreaterThan(first.number);
    const description = await stack.client.workflow.getHandle(ticketWorkflowId(second.number)).describe();
    expect(await description.staticSummary()).toBe(`#${second.number} Second`);
    expect(description.typedSearchAttributes.get({ name: 'TicketNumber', type: 'INT' } as never)).toBe(second.number);
  });

  it('search attributes are upserted when they change, not again at start where the start request set them', async () => {
    const { number } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    const upserts = async () =>
      ((await handle.fetchHistory()).events ?? []).filter((event) => event.upsertWorkflowSearchAttributesEventAttributes).length;
    expect(await upserts()).toBe(0);
    await stack.desk.send(number, 'setPending', { actor: agent });
    expect(await upserts()).toBe(1);
    expect((await handle.describe()).typedSearchAttributes.get({ name: 'TicketStatus', type: 'KEYWORD' } as never)).toBe('pending');
  });
});
