// One ticket under many messages at once, and under a steady stream of them: read-your-writes
// holds at any concurrency (a mutation, or `sync`, returns only once the projection holds its
// version and every earlier one), and each run of the ticket stays near the continue-as-new
// threshold (the suite's server suggests it early, see global-setup) whatever the message rate.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { TEST_CONTINUE_AS_NEW_THRESHOLD, TEST_SIGNALS_PER_RUN } from '../helpers/global-setup.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { agentActor, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { pause } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

const agent = agentActor();

/** Runs `tasks` with at most `limit` in flight. */
async function inFlight(limit: number, tasks: Array<() => Promise<unknown>>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) await tasks[next++]();
    }),
  );
}

/**
 * Sends a Signal as ops would from the CLI, sending it again when the server refuses it: past its
 * signal limit, a run that is moving to the next one refuses more (src/temporal/server-settings.ts).
 * A refused Signal records nothing. Returns how many times it was refused.
 */
async function signalUntilTaken(send: () => Promise<void>): Promise<number> {
  for (let refused = 0; ; refused++) {
    try {
      await send();
      return refused;
    } catch (error) {
      if (refused > 200) throw error;
      await pause(50);
    }
  }
}

/** Every run of the ticket's workflow, oldest first, with its history length. */
async function runs(number: number): Promise<Array<{ runId: string; events: number }>> {
  const found: Array<{ runId: string; events: number }> = [];
  for await (const execution of stack.client.workflow.list({ query: `WorkflowId = "${ticketWorkflowId(number)}"` })) {
    found.push({ runId: execution.runId, events: execution.historyLength });
  }
  return found.reverse();
}

describe('message storms', () => {
  it('after 600 concurrent Signals and Updates, sync returns with the projection equal to the workflow', async () => {
    const { number, requester } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    const bodies = Array.from({ length: 600 }, (_, i) => `storm ${i}`);
    const sends = bodies.map((body, i) => () => {
      const actor = i % 2 ? agent : requesterActor(requester);
      // Two in three as Signals (the CLI's way, fire and forget), one in three as Updates.
      return i % 3 === 0 ? stack.desk.send(number, 'reply', { actor, body }) : signalUntilTaken(() => handle.signal(signals.reply, { actor, body }));
    });
    await inFlight(32, sends);

    const state = await stack.desk.sync(number);
    // No waiting after sync: the projection already holds this version and all before it.
    const { row, comments, events } = await projection(stack, number);
    expect(state.commentCount).toBe(1 + bodies.length);
    expect(row.version).toBe(state.version);
    expect(row.commentCount).toBe(state.commentCount);
    expect(comments).toHaveLength(state.commentCount);
    expect(comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...bodies].sort());
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: state.lastEventSeq }, (_, i) => i + 1));
  }, 120_000);

  it('a steady stream crosses several continue-as-new thresholds, each run stays bounded, nothing is lost or doubled', async () => {
    const { number } = await newTicket(stack);
    const handle = stack.client.workflow.getHandle(ticketWorkflowId(number));
    const bodies: string[] = [];
    const sending: Array<Promise<unknown>> = [];
    // About 150 messages a second for 6 seconds, never waiting for the ticket to keep up.
    const until = Date.now() + 6_000;
    for (let i = 0; Date.now() < until; i++) {
      const body = `stream ${i}`;
      bodies.push(body);
      sending.push(i % 5 === 0 ? stack.desk.send(number, 'reply', { actor: agent, body }) : signalUntilTaken(() => handle.signal(signals.reply, { actor: agent, body })));
      if (i % 3 === 2) await pause(20);
    }
    await Promise.all(sending);
    const state = await stack.desk.sync(number);

    const { comments } = await projection(stack, number);
    expect(comments.map((c) => c.body).sort()).toEqual(['Tapping unlock does nothing.', ...bodies].sort());
    expect(state.commentCount).toBe(1 + bodies.length);

    const chain = await runs(number);
    expect(chain.length).toBeGreaterThanOrEqual(4);
    // A run ends soon after the server suggests it, unless Signals keep interrupting its
    // continue-as-new; then the server's signal limit stops them. Each interruption costs at most
    // its Signal and three workflow-task events, hence the bound (in production 1,000 + 4 x 2,000
    // = 9,000 events, under Temporal's warning level of 10,240).
    const bound = TEST_CONTINUE_AS_NEW_THRESHOLD + 4 * TEST_SIGNALS_PER_RUN;
    const longest = Math.max(...chain.slice(0, -1).map((r) => r.events));
    console.log(`[storm] ${bodies.length} messages, ${chain.length} runs, longest ${longest} events (bound ${bound})`);
    expect(longest).toBeLessThan(bound);
  }, 120_000);
});
