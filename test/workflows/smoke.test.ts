import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tickets, ticketEvents } from '../../src/db/schema.js';
import { agentActor, person, startStack, type Stack } from '../helpers/stack.js';

let stack: Stack;
beforeAll(async () => {
  stack = await startStack();
});
afterAll(async () => stack?.close());

describe('smoke', () => {
  it('creates a ticket and sets it pending', async () => {
    const requester = person('req');
    const { number } = await stack.desk.create({
      requestId: randomUUID(), type: 'software_issue', subject: 'Broken', description: 'It broke',
      requester, organizationId: null, ccs: [], followUpOf: null,
    });
    const [row] = await stack.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row.status).toBe('open');
    const state = await stack.desk.send(number, 'reply', { actor: agentActor(), body: 'More info?', status: 'pending' });
    expect(state.status).toBe('pending');
    const [row2] = await stack.db.select().from(tickets).where(eq(tickets.number, number));
    expect(row2.status).toBe('pending');
    const events = await stack.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, number));
    expect(events.map((e) => e.kind)).toEqual(['created', 'commented', 'status_changed']);
  });
});
