// What the server may answer an Update while the ticket moves to a new run. Under a storm of
// messages, Temporal sometimes answers NOT_FOUND ("update … not found") for an Update sent to a
// ticket that is running: the run it reached has just continued as new. The desk must not take
// that for a Closed ticket. A client interceptor (the SDK's own hook) plays the server's answer
// on a real ticket, before the Update reaches it and after it was applied.
import { Client, WorkflowNotFoundError, type WorkflowClientInterceptor } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TicketDesk } from '../../src/tickets/desk.js';
import { TicketGoneError } from '../../src/tickets/errors.js';
import { newTicket, projection } from '../helpers/tickets.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { agentActor, FAST_POLICY, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  // Fast timers: a Solved ticket closes, and its workflow ends, within seconds.
  stack = await startStack({ policy: FAST_POLICY });
});
afterAll(async () => stack?.close());

const agent = agentActor();

/** A desk on the stack's connection whose first Update per id gets NOT_FOUND, `when` it was sent or after. */
function deskAnsweringNotFound(when: 'before' | 'after'): { desk: TicketDesk; refused: string[] } {
  const refused: string[] = [];
  const notFoundOnce: WorkflowClientInterceptor = {
    async startUpdate(input, next) {
      const id = input.options.updateId ?? '';
      if (refused.includes(id)) return next(input);
      refused.push(id);
      const notFound = new WorkflowNotFoundError(`update "${id}" not found`, input.workflowExecution.workflowId, undefined);
      if (when === 'before') throw notFound;
      const output = await next(input);
      // The Update was applied; only its answer is lost.
      await output.workflowRunId;
      throw notFound;
    },
  };
  const client = new Client({
    connection: stack.client.connection,
    namespace: stack.namespace,
    dataConverter: stack.client.options.dataConverter,
    interceptors: { workflow: [notFoundOnce] },
  });
  return { desk: new TicketDesk({ client, db: stack.db, taskQueue: stack.taskQueue, policy: FAST_POLICY }), refused };
}

describe('an Update answered NOT_FOUND while the ticket runs', () => {
  it('is sent again and lands once, whether it was refused or applied', async () => {
    for (const when of ['before', 'after'] as const) {
      const { number } = await newTicket(stack);
      const { desk, refused } = deskAnsweringNotFound(when);
      const state = await desk.send(number, 'reply', { actor: agent, body: `answered NOT_FOUND ${when}` });
      expect(refused).toHaveLength(1);
      expect(state.commentCount).toBe(2);
      const { comments } = await projection(stack, number);
      expect(comments.map((c) => c.body)).toEqual(['Tapping unlock does nothing.', `answered NOT_FOUND ${when}`]);
    }
  });

  it('still says Closed for a ticket whose workflow has ended', async () => {
    const { number } = await newTicket(stack);
    await stack.desk.send(number, 'solve', { actor: agent });
    await stack.client.workflow.getHandle(ticketWorkflowId(number)).result();
    const { desk } = deskAnsweringNotFound('before');
    await expect(desk.send(number, 'reply', { actor: agent, body: 'too late' })).rejects.toBeInstanceOf(TicketGoneError);
    const { comments } = await projection(stack, number);
    expect(comments).toHaveLength(1);
  });
});
