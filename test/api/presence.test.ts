// Working together on one ticket: who else of Support Ops has it open or is replying (heartbeats
// with a short TTL), and a reply written against a version someone else has since moved on from
// is refused as stale, for its writer to read the change first.
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRESENCE_TTL_MS } from '../../src/api/presence.js';
import { ticketPresence } from '../../src/db/schema.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { projection } from '../helpers/tickets.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, alex: Person, billie: Person;

beforeAll(async () => {
  api = await startApi();
  [requester, alex, billie] = await Promise.all([api.signedIn(), api.signedIn({ role: 'agent', label: 'alex' }), api.signedIn({ role: 'admin', label: 'billie' })]);
});
afterAll(async () => api?.close());

const submit = async () => (await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'Booking lost', description: 'My booking vanished.', requestId: requestId() })).number;

describe('presence', () => {
  it('shows who else has the ticket open and who is replying, and forgets them after the TTL or when they leave', async () => {
    const number = await submit();
    expect((await alex.api.presence.heartbeat.mutate({ number })).others).toEqual([]);
    const seen = await billie.api.presence.heartbeat.mutate({ number, activity: 'viewing' });
    expect(seen.others).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: alex.user.id, name: 'alex' }), activity: 'viewing' })]);
    expect(seen.ttlMs).toBe(PRESENCE_TTL_MS);

    await alex.api.presence.heartbeat.mutate({ number, activity: 'replying' });
    expect(await billie.api.presence.list.query({ number })).toEqual([expect.objectContaining({ user: expect.objectContaining({ id: alex.user.id }), activity: 'replying' })]);
    expect((await billie.api.tickets.get.query({ number })).presence).toEqual([expect.objectContaining({ activity: 'replying' })]);
    expect((await alex.api.tickets.get.query({ number })).presence.map((p) => p.user.id)).toEqual([billie.user.id]);
    // Requesters neither see it nor send it.
    expect((await requester.api.tickets.get.query({ number })).presence).toEqual([]);
    expect(await errorCode(requester.api.presence.heartbeat.mutate({ number }))).toBe('FORBIDDEN');
    expect(await errorCode(alex.api.presence.heartbeat.mutate({ number: 987_654_321 }))).toBe('NOT_FOUND');

    // A page that stopped beating is gone after the TTL; back, it starts a new stay.
    const row = and(eq(ticketPresence.ticketNumber, number), eq(ticketPresence.userId, alex.user.id));
    await api.stack.db.update(ticketPresence).set({ seenAt: sql`now() - interval '${sql.raw(String(PRESENCE_TTL_MS + 1000))} milliseconds'`, since: sql`now() - interval '1 hour'` }).where(row);
    expect(await billie.api.presence.list.query({ number })).toEqual([]);
    await alex.api.presence.heartbeat.mutate({ number });
    const [back] = await billie.api.presence.list.query({ number });
    expect(Date.now() - Date.parse(back.since)).toBeLessThan(60_000);

    await alex.api.presence.leave.mutate({ number });
    expect(await billie.api.presence.list.query({ number })).toEqual([]);
  });
});

describe('stale replies', () => {
  it('a reply to a version someone else has moved on from is refused; one’s own changes, tags and priority do not count', async () => {
    const number = await submit();
    const read = (await alex.api.tickets.get.query({ number })).ticket.version;
    await requester.api.tickets.reply.mutate({ number, body: 'Any news?' });
    const before = await projection(api.stack, number);
    const stale = await failure(alex.api.tickets.reply.mutate({ number, body: 'We are on it.', seenVersion: read, requestId: requestId() }));
    expect(stale.data).toMatchObject({ code: 'CONFLICT', refusal: { reason: 'stale', status: 'open' } });
    expect(stale.message).toContain('changed since you read it');
    expect((await projection(api.stack, number)).comments.length).toBe(before.comments.length);

    // Read again: it goes. Alex's own reply, and someone's tags or priority, leave the version Alex read good.
    const reread = (await alex.api.tickets.get.query({ number })).ticket.version;
    await alex.api.tickets.reply.mutate({ number, body: 'Looking now.', seenVersion: reread });
    await billie.api.tickets.setPriority.mutate({ number, priority: 'high' });
    await billie.api.tickets.changeTags.mutate({ number, add: ['booking'] });
    await alex.api.tickets.reply.mutate({ number, body: 'Found it.', internal: true, seenVersion: reread });

    // Another agent's note, status change or assignment makes it stale; so does a canned reply's send.
    await billie.api.tickets.assign.mutate({ number, assigneeId: billie.user.id });
    expect((await failure(alex.api.tickets.reply.mutate({ number, body: 'Mine.', seenVersion: reread }))).data?.refusal).toMatchObject({ reason: 'stale' });
    const macro = await alex.api.macros.create.mutate({ title: `Thanks ${requestId().slice(0, 6)}`, body: { en: 'Thanks {{requester.firstName}}' } });
    expect((await failure(alex.api.macros.send.mutate({ id: macro.id, number, requestId: requestId(), seenVersion: reread }))).data?.refusal).toMatchObject({ reason: 'stale' });
    // Without a version, a reply goes as before.
    await alex.api.tickets.reply.mutate({ number, body: 'Sent anyway.' });
  });
});
