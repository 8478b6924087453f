// A pinned SLA crosses continue-as-new: the next run carries the pinned targets and where their
// clocks stand, and a target armed before the move fires after it at its instant.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { secondsSla } from '../helpers/sla.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY, sla: secondsSla({ firstReply: 60, nextReply: 6, resolution: 600 }) });
});
afterAll(async () => stack?.close());

describe('a pinned SLA across continue-as-new', () => {
  it('keeps the pinned version, the resolution clock and the waiting requester message, and the next-reply breach fires in the next run at its instant', async () => {
    const { number, requester } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    const firstRunId = (await handle.describe()).runId;
    const created = await stack.desk.state(number);
    const agent = agentActor();
    // Each agent reply answers the requester's message before it: no target is missed meanwhile.
    for (let i = 0; i < 40; i++) {
      await stack.desk.send(number, 'reply', i % 2 ? { actor: requesterActor(requester), body: `question ${i}` } : { actor: agent, body: `answer ${i}` });
    }
    await eventually(async () => expect((await handle.describe()).runId).not.toBe(firstRunId));
    const carried = await stack.desk.state(number);
    expect(carried.sla?.slaVersion).toBe(created.sla?.slaVersion);
    expect(carried.slaClocks?.resolution[0]?.from).toBe(created.createdAt);
    const waitingSince = carried.slaClocks?.awaitingReplySince;
    expect(waitingSince).toBeTypeOf('number');

    const dueAt = waitingSince! + 6_000;
    const breach = await eventually(async () => {
      const found = (await projection(stack, number)).events.find((e) => e.kind === 'sla_breached' && e.data.target === 'nextReply');
      expect(found).toBeDefined();
      return found!;
    }, { timeoutMs: 20_000, intervalMs: 200 });
    expect(breach.data.dueAt).toBe(dueAt);
    expect(breach.at.getTime()).toBeGreaterThanOrEqual(dueAt);
    const { events } = await projection(stack, number);
    expect(events.filter((e) => e.kind === 'sla_breached')).toHaveLength(1);
  });
});
