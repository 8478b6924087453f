// Creating tickets and reading their projection in tests.
import { randomUUID } from 'node:crypto';
import { asc, eq } from 'drizzle-orm';
import { notifications, ticketComments, ticketEvents, tickets } from '../../src/db/schema.js';
import type { TicketType } from '../../workflows/ticket/model.js';
import { person, type Stack } from './stack.js';

export async function newTicket(stack: Stack, options: { type?: TicketType; subject?: string; requester?: ReturnType<typeof person> } = {}) {
  const requester = options.requester ?? person('requester');
  const { number } = await stack.desk.create({
    requestId: randomUUID(),
    type: options.type ?? 'software_issue',
    subject: options.subject ?? 'The bike app will not unlock',
    description: 'Tapping unlock does nothing.',
    requester,
    organizationId: null,
    ccs: [],
    followUpOf: null,
  });
  return { number, requester };
}

export async function projection(stack: Stack, number: number) {
  const [row] = await stack.db.select().from(tickets).where(eq(tickets.number, number));
  const events = await stack.db.select().from(ticketEvents).where(eq(ticketEvents.ticketNumber, number)).orderBy(asc(ticketEvents.seq));
  const comments = await stack.db.select().from(ticketComments).where(eq(ticketComments.ticketNumber, number)).orderBy(asc(ticketComments.seq));
  const mail = await stack.db.select().from(notifications).where(eq(notifications.ticketNumber, number)).orderBy(asc(notifications.id));
  return { row, events, comments, mail };
}
