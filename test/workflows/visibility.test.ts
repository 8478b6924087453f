// Ops queries in the Temporal UI and CLI (README, Operating): a ticket that continued-as-new has
// one finished run per move, and each keeps the search attributes it last had. Counted as they
// are, those runs would list a ticket twice, or a Closed ticket as open; the documented forms,
// ExecutionStatus="Running" for live tickets and ExecutionStatus!="ContinuedAsNew" across all,
// count each ticket once and agree with Postgres.
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets } from '../../src/db/schema.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { newTicket } from '../helpers/tickets.js';
import { agentActor, FAST_POLICY, person, requesterActor, startStack, type Stack } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack({ policy: FAST_POLICY });
});
afterAll(async () => stack?.close());

const agent = agentActor();

async function listed(query: string): Promise<string[]> {
  const ids: string[] = [];
  for await (const execution of stack.client.workflow.list({ query })) ids.push(execution.workflowId);
  return ids.sort();
}

/** Enough replies for the suite's server (which suggests continue-as-new early) to move a ticket to a new run. */
async function busy(number: number, requester: { id: string }): Promise<void> {
  for (let i = 0; i < 30; i++) await stack.desk.send(number, 'reply', { actor: i % 2 ? agent : requesterActor(requester), body: `turn ${i}` });
}

describe('ops queries', () => {
  it('count each ticket once in the documented forms, where the bare attribute counts old runs too', async () => {
    const requester = person('visible');
    const open = await newTicket(stack, { requester });
    const closed = await newTicket(stack, { requester });
    await busy(open.number, requester);
    await busy(closed.number, requester);
    await stack.desk.send(closed.number, 'solve', { actor: agent });
    await stack.client.workflow.getHandle(ticketWorkflowId(closed.number)).result();
    const [openId, closedId] = [ticketWorkflowId(open.number), ticketWorkflowId(closed.number)];
    const mine = `Requester="${requester.email}"`;

    await eventually(
      async () => {
        // What a bare query sees: the old runs, with the status they had when they moved on.
        expect((await listed(`${mine} AND TicketStatus="open"`)).filter((id) => id === openId).length).toBeGreaterThan(1);
        expect(await listed(`${mine} AND TicketStatus="open"`)).toContain(closedId);
        // The documented forms.
        expect(await listed(`${mine} AND TicketStatus="open" AND ExecutionStatus="Running"`)).toEqual([openId]);
        expect(await listed(`${mine} AND TicketStatus="closed"`)).toEqual([closedId]);
        expect(await listed(`${mine} AND ExecutionStatus!="ContinuedAsNew"`)).toEqual([openId, closedId].sort());
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    const [inPostgres] = await stack.db.select({ n: count() }).from(tickets).where(eq(tickets.requesterEmail, requester.email));
    expect((await stack.client.workflow.count(`${mine} AND ExecutionStatus!="ContinuedAsNew"`)).count).toBe(inPostgres.n);
    const [openInPostgres] = await stack.db
      .select({ n: count() })
      .from(tickets)
      .where(and(eq(tickets.requesterEmail, requester.email), eq(tickets.status, 'open')));
    expect((await stack.client.workflow.count(`${mine} AND TicketStatus="open" AND ExecutionStatus="Running"`)).count).toBe(openInPostgres.n);
  });
});
