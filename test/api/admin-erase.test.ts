// Erasing a person (users.erase): only admins may; the account goes (no sign-in, no session, the
// address free again); nothing of the person's name, address or words is found by search or
// shown by a list or a ticket, as Support Ops; the tickets keep their history of statuses; a later
// change to the ticket, written from a workflow that still holds the person's words, writes none
// of them back; the admin log records the erasure and keeps no address of the person.
import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError } from '@temporalio/client';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERASED, ERASED_ADDRESS } from '../../src/accounts/erased.js';
import { erasedHistories } from '../../src/accounts/erased-histories.js';
import { personOf } from '../../src/accounts/users.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { adminActions, attachments, erasedPeople, notifications, replyTokens, ticketComments, ticketSearch, users } from '../../src/db/schema.js';
import { errorCode, requestId, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { SLOW_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let admin: Person, agent: Person, colleague: Person;

beforeAll(async () => {
  api = await startApi();
  [admin, agent, colleague] = await Promise.all([api.signedIn({ role: 'admin' }), api.signedIn({ role: 'agent' }), api.signedIn({ label: 'colleague' })]);
});
afterAll(async () => api?.close());

/** A word no other test uses. */
const marker = () => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201a0f1e7d80000000049454e44ae426082', 'hex');

const cookie = (who: Person) => `support_desk_session=${who.api.cookies.get('support_desk_session')}`;
async function upload(who: Person, name: string) {
  const response = await fetch(`${api.url}/attachments`, { method: 'POST', headers: { cookie: cookie(who), 'x-file-name': encodeURIComponent(name), 'content-type': 'application/octet-stream' }, body: new Uint8Array(PNG) });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

const found = async (who: Person, q: string) => (await who.api.tickets.search.query({ q })).items.map((item) => item.ticket.number);

describe('erasing a person', () => {
  it('leaves nothing of them to find or read, keeps their tickets and statuses, and no later write brings them back', async () => {
    const words = { name: `Zoé ${marker()}`, subject: marker(), description: marker(), reply: marker(), file: `${marker()}.png` };
    // The person, as an admin invites them, with their own password.
    const email = `${marker()}@example.test`;
    const { user } = await admin.api.users.create.mutate({ email, role: 'requester', name: words.name });
    await api.stack.db.update(users).set({ passwordHash: (await api.stack.db.select().from(users).where(eq(users.id, colleague.user.id)))[0].passwordHash }).where(eq(users.id, user.id));
    const person = api.client();
    await person.auth.signIn.mutate({ email, password: TEST_PASSWORD });

    // Their ticket, with a file; a reply of theirs on a colleague's ticket they are CC'd on.
    const fileId = await upload({ api: person } as Person, words.file);
    const { number: theirs } = await person.tickets.create.mutate({ type: 'hardware_issue', subject: `Dock ${words.subject} cracked`, description: `Since Monday ${words.description}`, ccEmails: [], requestId: requestId(), attachmentIds: [fileId] });
    const { number: colleagues } = await colleague.api.tickets.create.mutate({ type: 'software_issue', subject: `Checkout ${marker()} slow`, description: 'Every morning.', ccEmails: [email], requestId: requestId() });
    await person.tickets.reply.mutate({ number: colleagues, body: `Same here ${words.reply}`, requestId: requestId() });
    // Support Ops work their ticket: assigned, a reply, Pending.
    await agent.api.tickets.assign.mutate({ number: theirs, assigneeId: agent.user.id, requestId: requestId() });
    await agent.api.tickets.reply.mutate({ number: theirs, body: 'Which dock number?', status: 'pending', requestId: requestId() });
    await api.stack.db.insert(replyTokens).values({ token: marker(), ticketNumber: theirs, userId: user.id });
    for (const word of Object.values(words).slice(1)) expect((await found(agent, word)).length, word).toBe(1);

    // Only an admin may erase, never themselves.
    expect(await errorCode(person.users.erase.mutate({ id: user.id }))).toBe('FORBIDDEN');
    expect(await errorCode(agent.api.users.erase.mutate({ id: user.id }))).toBe('FORBIDDEN');
    expect(await errorCode(colleague.api.users.erase.mutate({ id: user.id }))).toBe('FORBIDDEN');
    expect(await errorCode(admin.api.users.erase.mutate({ id: admin.user.id }))).toBe('BAD_REQUEST');
    expect(await errorCode(admin.api.users.erase.mutate({ id: randomUUID() }))).toBe('NOT_FOUND');

    expect(await admin.api.users.erase.mutate({ id: user.id })).toEqual({ tickets: 2 });
    // Once more (as after a failure of its second part): the projection is gone over again, nothing else.
    expect(await admin.api.users.erase.mutate({ id: user.id })).toEqual({ tickets: 2 });

    // The account is gone: the session ended, the password opens nothing, the address is free.
    expect(await person.auth.me.query()).toBeNull();
    expect(await errorCode(api.client().auth.signIn.mutate({ email, password: TEST_PASSWORD }))).toBe('UNAUTHORIZED');
    expect(await api.stack.db.select().from(users).where(eq(users.id, user.id))).toHaveLength(0);
    expect(await api.stack.db.select().from(replyTokens).where(eq(replyTokens.userId, user.id))).toHaveLength(0);
    expect(await api.stack.db.select().from(attachments).where(eq(attachments.id, fileId))).toHaveLength(0);
    expect(await api.stack.db.select().from(notifications).where(eq(notifications.recipient, email))).toHaveLength(0);

    const leftOf = (text: string) => [email, words.name, ...Object.values(words)].filter((word) => text.toLowerCase().includes(word.toLowerCase()));
    const nothingOfThem = async () => {
      for (const word of [email, words.name, ...Object.values(words)]) expect(await found(agent, word), word).toEqual([]);
      const queue = await agent.api.tickets.list.query({ view: 'queue', pageSize: 100 });
      expect(queue.items.map((t) => t.number)).toEqual(expect.arrayContaining([theirs, colleagues]));
      expect(leftOf(JSON.stringify(queue))).toEqual([]);
      for (const number of [theirs, colleagues]) expect(leftOf(JSON.stringify(await agent.api.tickets.get.query({ number }))), `ticket ${number}`).toEqual([]);
      expect(leftOf(JSON.stringify(await api.stack.db.select().from(ticketSearch).where(sql`${ticketSearch.ticketNumber} in (${theirs}, ${colleagues})`)))).toEqual([]);
      expect((await admin.api.users.list.query({ search: email })).total).toBe(0);
      expect((await admin.api.users.list.query({ search: words.name })).total).toBe(0);
    };
    await nothingOfThem();

    // Their ticket stays, with the placeholders, and its history of statuses.
    const seen = await agent.api.tickets.get.query({ number: theirs });
    expect(seen.ticket).toMatchObject({ subject: ERASED, description: ERASED, status: 'pending', requester: { id: user.id, email: ERASED_ADDRESS, name: ERASED } });
    expect(seen.audit.filter((e) => e.kind === 'status_changed').map((e) => [e.fromStatus, e.toStatus])).toEqual([['open', 'pending']]);
    expect(seen.audit[0]).toMatchObject({ kind: 'created', toStatus: 'open', actor: { id: user.id, name: ERASED } });
    expect(seen.conversation.map((c) => c.body)).toEqual([ERASED, 'Which dock number?']);
    expect(seen.conversation[0].attachments).toEqual([]);
    const theirReply = (await agent.api.tickets.get.query({ number: colleagues })).conversation.find((c) => c.author.id === user.id);
    expect(theirReply).toMatchObject({ body: ERASED, author: { name: ERASED } });

    // The ticket's workflow still holds their words (README, Personal data); a later change by
    // someone else, which writes the ticket's whole row from that state, writes placeholders.
    expect((await api.stack.desk.state(theirs)).subject).toContain(words.subject);
    await agent.api.tickets.reply.mutate({ number: theirs, body: 'Found it, dock 4.', status: 'solved', requestId: requestId() });
    await colleague.api.tickets.reply.mutate({ number: colleagues, body: 'Still slow.', requestId: requestId() });
    // Taking them off the CC list: the workflow's event names the person as its state holds them.
    await agent.api.tickets.removeCc.mutate({ number: colleagues, userId: user.id, requestId: requestId() });
    expect((await agent.api.tickets.get.query({ number: colleagues })).audit.at(-1)).toMatchObject({ kind: 'cc_removed', data: { person: { id: user.id, email: ERASED_ADDRESS } } });
    await nothingOfThem();
    const after = await agent.api.tickets.get.query({ number: theirs });
    expect(after.ticket).toMatchObject({ subject: ERASED, status: 'solved', requester: { email: ERASED_ADDRESS } });
    expect(after.audit.filter((e) => e.kind === 'status_changed').map((e) => e.toStatus)).toEqual(['pending', 'solved']);
    // No e-mail about it goes to them.
    expect(await api.stack.db.select().from(notifications).where(eq(notifications.recipientId, user.id))).toHaveLength(0);
    expect((await api.stack.db.select().from(ticketComments).where(eq(ticketComments.authorId, user.id))).map((c) => c.body)).toEqual([ERASED, ERASED]);

    // The address may have a new account, which sees none of the erased person's tickets.
    const { user: again } = await admin.api.users.create.mutate({ email, role: 'requester' });
    expect(again.id).not.toBe(user.id);
    expect(await api.stack.db.select().from(erasedPeople).where(eq(erasedPeople.userId, again.id))).toHaveLength(0);

    // The admin log says who erased whom and when, and keeps the person's address and name nowhere.
    const { items } = await admin.api.admin.log.query({ pageSize: 100 });
    expect(items.find((entry) => entry.action === 'users.erase')).toMatchObject({ actorId: admin.user.id, details: { id: user.id } });
    const logged = await api.stack.db.select().from(adminActions).where(sql`${adminActions.details}::text ilike ${`%${words.name}%`}`);
    expect(logged).toEqual([]);
    expect(items.filter((entry) => entry.action === 'users.create').map((entry) => entry.details)).toContainEqual({ email: ERASED, role: 'requester', name: ERASED });
  });

  it('npm run erased-histories lists the Temporal runs of their tickets and deletes the closed ones, keeping those still open', async () => {
    const { api: person, user } = await api.signedIn({ label: 'leaving' });
    // A ticket of theirs that closes half a second after it is Solved, and one that stays open.
    const quickDesk = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: { ...SLOW_POLICY, solvedAutoCloseMs: 500 } });
    const ticket = { type: 'software_issue' as const, description: 'It froze.', requester: personOf(user), organizationId: null, ccs: [], followUpOf: null };
    const { number: closed } = await quickDesk.create({ ...ticket, requestId: requestId(), subject: 'App frozen' });
    const { number: open } = await person.tickets.create.mutate({ type: 'software_issue', subject: 'Still open', description: 'Waiting.', ccEmails: [], requestId: requestId() });
    await agent.api.tickets.solve.mutate({ number: closed, requestId: requestId() });
    await eventually(async () => expect((await agent.api.tickets.get.query({ number: closed })).ticket.status).toBe('closed'));
    await admin.api.users.erase.mutate({ id: user.id });
    // A follow-up Support Ops open on their Closed ticket copies nobody in their place.
    const { number: followUp } = await agent.api.tickets.followUp.mutate({ number: closed, description: 'Checking the fix held.', requestId: requestId() });
    expect((await agent.api.tickets.get.query({ number: followUp })).ticket.ccs).toEqual([]);
    expect(await api.stack.db.select().from(users).where(eq(users.email, ERASED_ADDRESS))).toEqual([]);

    const statusOf = (runs: Awaited<ReturnType<typeof erasedHistories>>, number: number) => runs.filter((run) => run.ticket === number).map((run) => run.status);
    const listed = await eventually(async () => {
      const runs = await erasedHistories(api.stack.db, api.stack.client, { remove: false });
      expect(statusOf(runs, closed)).toEqual(['COMPLETED']);
      return runs;
    });
    expect(statusOf(listed, open)).toEqual(['RUNNING']);
    expect(listed.every((run) => !run.deleted)).toBe(true);
    await expect(api.stack.client.workflow.getHandle(`ticket-${closed}`).describe()).resolves.toBeTruthy();

    const removed = await erasedHistories(api.stack.db, api.stack.client, { remove: true });
    expect(removed.filter((run) => run.ticket === closed).map((run) => run.deleted)).toEqual([true]);
    expect(removed.filter((run) => run.ticket === open).map((run) => run.deleted)).toEqual([false]);
    // The closed ticket's history is gone from Temporal; the open one runs on, and takes changes.
    await eventually(() => expect(api.stack.client.workflow.getHandle(`ticket-${closed}`).describe()).rejects.toThrow(WorkflowNotFoundError), { timeoutMs: 90_000, intervalMs: 1000 });
    // Its visibility record too, with the search attributes that held their address.
    await eventually(
      async () => {
        const left = [];
        for await (const run of api.stack.client.workflow.list({ query: `WorkflowId = "ticket-${closed}"` })) left.push(run.runId);
        expect(left).toEqual([]);
      },
      { timeoutMs: 30_000, intervalMs: 500 },
    );
    await agent.api.tickets.reply.mutate({ number: open, body: 'Looking into it.', requestId: requestId() });
    expect((await agent.api.tickets.get.query({ number: open })).ticket.requester.email).toBe(ERASED_ADDRESS);
  });
});
