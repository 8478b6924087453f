// A busy ticket continues-as-new when the server suggests it (the test server suggests it early,
// see global-setup) and keeps its state, its version and every comment across runs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY });
});
afterAll(async () => stack?.close());

describe('continue-as-new', () => {
  it('keeps state, version, timers and every comment across runs, with no message lost', async () => {
    const { number, requester } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    const firstRunId = (await handle.describe()).runId;
    const agent = agentActor();

    const sent: string[] = [];
    for (let i = 0; i < 30; i++) {
      const body = `exchange ${i}`;
      sent.push(body);
      if (i % 3 === 2) {
        // Signals too, sent without waiting, so some arrive while a run is ending.
        void handle.signal(signals.reply, { actor: agent, body });
      } else {
        await stack.desk.send(number, 'reply', { actor: i % 2 ? agent : requesterActor(requester), body });
      }
    }
    await stack.desk.send(number, 'setPending', { actor: agent });

    const expectedVersion = 1 + sent.length + 1;
    await eventually(async () => expect((await stack.desk.state(number)).version).toBe(expectedVersion));
    const described = await handle.describe();
    expect(described.runId).not.toBe(firstRunId);

    const state = await stack.desk.state(number);
    expect(state.status).toBe('pending');
    expect(state.commentCount).toBe(1 + sent.length);
    await eventually(async () => {
      const { row, comments, events } = await projection(stack, number);
      expect(row.version).toBe(expectedVersion);
      expect(comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...sent].sort());
      expect(events.map((e) => e.seq)).toEqual(Array.from({ length: state.lastEventSeq }, (_, i) => i + 1));
    });

    // Timers armed before a move still fire after it: one reminder, then the close.
    const finalState = await handle.result();
    expect(finalState.status).toBe('closed');
    const { events } = await projection(stack, number);
    expect(events.filter((e) => e.kind === 'pending_reminder_sent')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ kind: 'status_changed', toStatus: 'closed' });
  });
});
