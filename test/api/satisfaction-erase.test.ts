// A requester's satisfaction comment is theirs: their personal data export holds it, and once they
// are erased their words, like their replies, become the placeholder in the audit trail and in Support Ops' e-mail about a bad rating, and their survey
// links are gone; the rating itself (good or bad) stays, as statuses do.
import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED } from '../../src/accounts/erased.js';
import { notifications, satisfactionLinks, ticketEvents } from '../../src/db/schema.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { requestId, startApi, type TestApi } from '../helpers/api.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ policy: { ...SLOW_POLICY, satisfaction: { delayMs: 1_000, badRatingNotifiesOps: true } } });
});
afterAll(async () => api?.close());

describe('erasing a requester who rated', () => {
  it('replaces their comment by the placeholder everywhere the desk keeps it, keeps the rating, and removes their links', async () => {
    const requester = await api.signedIn({ label: 'requester' });
    const agent = await api.signedIn({ role: 'agent' });
    const admin = await api.signedIn({ role: 'admin' });
    const words = `Nobody called ${randomUUID().slice(0, 8)}`;
    const { number } = await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Till printer offline', description: 'Shop 3', ccEmails: [], requestId: requestId() });
    await agent.api.tickets.reply.mutate({ number, body: 'Driver reinstalled.', status: 'solved' });
    const token = await eventually(async () => {
      const [row] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_survey')));
      expect(row).toBeDefined();
      return String(row.payload.token);
    }, { timeoutMs: 10_000 });
    await api.client().satisfaction.rate.mutate({ token, rating: 'bad', comment: words });
    // Before: their export holds the rating with its comment.
    const exported = await admin.api.users.exportPersonalData.query({ id: requester.user.id });
    expect(exported.data.changes).toContainEqual(expect.objectContaining({ ticketNumber: number, kind: 'satisfaction_rated', rating: 'bad', comment: words }));

    await admin.api.users.erase.mutate({ id: requester.user.id });

    const [rated] = await api.stack.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, number), eq(ticketEvents.kind, 'satisfaction_rated')));
    expect(rated.data).toMatchObject({ rating: 'bad', comment: ERASED });
    const [alert] = await api.stack.db.select().from(notifications).where(and(eq(notifications.ticketNumber, number), eq(notifications.kind, 'satisfaction_bad')));
    expect(alert.payload.message).toEqual({ author: ERASED, body: ERASED, files: [] });
    expect(await api.stack.db.select().from(satisfactionLinks).where(eq(satisfactionLinks.ticketNumber, number))).toEqual([]);
    // Nowhere in the projection.
    const [{ n }] = await api.stack.db.execute<{ n: number }>(sql`select (select count(*) from ticket_events where data::text like ${`%${words}%`}) + (select count(*) from notifications where payload::text like ${`%${words}%`}) as n`);
    expect(Number(n)).toBe(0);
    // A later write of the ticket (its workflow still holds the words) writes the placeholder too.
    await agent.api.tickets.reopen.mutate({ number });
    const [again] = await api.stack.db.select().from(ticketEvents).where(and(eq(ticketEvents.ticketNumber, number), eq(ticketEvents.kind, 'satisfaction_rated')));
    expect(again.data.comment).toBe(ERASED);
  });
});
