// The tickets API through a real HTTP client: who sees what, who may do what, what a refused or
// malformed call leaves behind (nothing), and that every mutation's effect is visible at once.
import { randomUUID } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMembership, findOrCreateOrganization } from '../../src/accounts/users.js';
import { COUNT_BEYOND_PAGE } from '../../src/api/ticket-list.js';
import { ticketComments, ticketEvents, tickets, users } from '../../src/db/schema.js';
import { MAX_SHAPES } from '../../src/db/prepared.js';
import { errorCode, failure, requestId, startApi, type ApiClient, type TestApi } from '../helpers/api.js';
import { insertProjectionTickets } from '../helpers/projection.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, colleague: Person, ccd: Person, outsider: Person, agent: Person, otherAgent: Person;
let anonymous: ApiClient;

beforeAll(async () => {
  api = await startApi();
  const org = `Shop ${randomUUID().slice(0, 6)}`;
  [requester, colleague, ccd, outsider, agent, otherAgent] = await Promise.all([
    api.signedIn({ label: 'requester', org }),
    api.signedIn({ label: 'colleague', org }),
    api.signedIn({ label: 'ccd', org: `Office ${randomUUID().slice(0, 6)}` }),
    api.signedIn({ label: 'outsider', org: `Depot ${randomUUID().slice(0, 6)}` }),
    api.signedIn({ role: 'agent', label: 'agent' }),
    api.signedIn({ role: 'agent', label: 'other-agent' }),
  ]);
  anonymous = api.client();
});
afterAll(async () => api?.close());

function submit(who: Person, extra: Partial<{ ccEmails: string[]; type: 'critical' | 'software_issue' | 'hardware_issue' | 'feature_request' }> = {}) {
  return who.api.tickets.create.mutate({
    type: extra.type ?? 'software_issue',
    subject: `Scanner ${randomUUID().slice(0, 6)}`,
    description: 'The bike scanner does not read QR codes.',
    ccEmails: extra.ccEmails ?? [],
    requestId: requestId(),
  });
}

const numbersOf = async (who: Person, view: 'mine' | 'ccd' | 'organization' | 'queue', filters: Record<string, unknown> = {}) =>
  (await who.api.tickets.list.query({ view, pageSize: 100, ...filters })).items.map((t) => t.number);

/** Everything the projection holds about a ticket, to show that a refused call changed nothing. */
async function snapshot(number: number) {
  const { db } = api.stack;
  const [row] = await db.select().from(tickets).where(eq(tickets.number, number));
  const [events] = await db.select({ n: count() }).from(ticketEvents).where(eq(ticketEvents.ticketNumber, number));
  const [comments] = await db.select({ n: count() }).from(ticketComments).where(eq(ticketComments.ticketNumber, number));
  const state = await api.stack.desk.state(number);
  return { row, events: events.n, comments: comments.n, workflowVersion: state.version };
}

describe('views', () => {
  it('requester in mine, CC\u2019d user in ccd, colleague in organization, outsider nowhere and NOT_FOUND', async () => {
    const { number } = await submit(requester, { ccEmails: [ccd.user.email.toUpperCase()] });

    expect(await numbersOf(requester, 'mine')).toContain(number);
    expect(await numbersOf(requester, 'ccd')).not.toContain(number);
    expect(await numbersOf(ccd, 'ccd')).toContain(number);
    expect(await numbersOf(ccd, 'mine')).not.toContain(number);
    expect(await numbersOf(ccd, 'organization')).not.toContain(number);
    expect(await numbersOf(colleague, 'organization')).toContain(number);
    expect(await numbersOf(colleague, 'mine')).not.toContain(number);
    expect(await numbersOf(colleague, 'ccd')).not.toContain(number);
    for (const view of ['mine', 'ccd', 'organization'] as const) expect(await numbersOf(outsider, view)).not.toContain(number);
    expect(await numbersOf(agent, 'queue')).toContain(number);

    for (const who of [requester, ccd, colleague, agent]) expect((await who.api.tickets.get.query({ number })).ticket.number).toBe(number);
    const hidden = await failure(outsider.api.tickets.get.query({ number }));
    const missing = await failure(outsider.api.tickets.get.query({ number: 987_654_321 }));
    expect(hidden.data?.code).toBe('NOT_FOUND');
    expect(missing.data?.code).toBe('NOT_FOUND');
    // The answer for a hidden ticket looks like the answer for one that does not exist.
    expect(hidden.message.replace(String(number), 'N')).toBe(missing.message.replace('987654321', 'N'));
  });

  it('internal notes and their audit entries are for Support Ops only', async () => {
    const { number } = await submit(requester);
    await agent.api.tickets.reply.mutate({ number, body: 'Probably the firmware, checking with the vendor', internal: true });
    const seenByAgent = await agent.api.tickets.get.query({ number });
    expect(seenByAgent.conversation.map((c) => c.internal)).toEqual([false, true]);
    expect(seenByAgent.audit.some((e) => e.kind === 'commented' && e.data.internal === true)).toBe(true);
    for (const who of [requester, colleague]) {
      const seen = await who.api.tickets.get.query({ number });
      expect(seen.conversation.map((c) => c.body)).toEqual(['The bike scanner does not read QR codes.']);
      expect(JSON.stringify(seen)).not.toContain('firmware');
      expect(seen.audit.map((e) => e.kind)).toEqual(['created']);
    }
  });

  it('requesters, CC\u2019d users and colleagues see counts of what they may see: internal notes are not counted', async () => {
    const { number } = await submit(requester, { ccEmails: [ccd.user.email] });
    await agent.api.tickets.reply.mutate({ number, body: 'Vendor case 88', internal: true });
    await agent.api.tickets.reply.mutate({ number, body: 'Which dock is it?' });
    expect((await agent.api.tickets.get.query({ number })).ticket.commentCount).toBe(3);
    expect((await agent.api.tickets.list.query({ view: 'queue', pageSize: 100 })).items.find((t) => t.number === number)?.commentCount).toBe(3);
    for (const [who, view] of [
      [requester, 'mine'],
      [ccd, 'ccd'],
      [colleague, 'organization'],
    ] as const) {
      const seen = await who.api.tickets.get.query({ number });
      expect(seen.ticket.commentCount).toBe(seen.conversation.length);
      expect(seen.ticket.commentCount).toBe(2);
      const listed = (await who.api.tickets.list.query({ view, pageSize: 100 })).items.find((t) => t.number === number);
      expect(listed?.commentCount, view).toBe(2);
    }
  });
});

describe('read-your-writes', () => {
  it('every mutation shows in get and list as soon as it returns', async () => {
    const created = await submit(requester);
    const number = created.number;
    expect(created.ticket.status).toBe('open');
    expect(await numbersOf(requester, 'mine', { status: ['open'] })).toContain(number);

    const assigned = await agent.api.tickets.assign.mutate({ number, assigneeId: otherAgent.user.id });
    expect(assigned.ticket.assignee?.id).toBe(otherAgent.user.id);
    expect((await requester.api.tickets.get.query({ number })).ticket.assignee?.email).toBe(otherAgent.user.email);
    expect(await numbersOf(agent, 'queue', { assigneeId: otherAgent.user.id })).toContain(number);

    await agent.api.tickets.reply.mutate({ number, body: 'Which station?', status: 'pending' });
    let seen = await requester.api.tickets.get.query({ number });
    expect(seen.ticket.status).toBe('pending');
    expect(seen.conversation.at(-1)?.body).toBe('Which station?');
    expect(await numbersOf(requester, 'mine', { status: ['pending'] })).toContain(number);

    await requester.api.tickets.reply.mutate({ number, body: 'Station 12, Part-Dieu' });
    seen = await agent.api.tickets.get.query({ number });
    expect(seen.ticket.status).toBe('open');
    expect(seen.conversation.at(-1)?.author.id).toBe(requester.user.id);

    await agent.api.tickets.putOnHold.mutate({ number });
    expect((await requester.api.tickets.get.query({ number })).ticket.status).toBe('on-hold');
    expect(await numbersOf(agent, 'queue', { status: ['on-hold'], assigneeId: otherAgent.user.id })).toContain(number);

    await agent.api.tickets.reopen.mutate({ number });
    expect((await requester.api.tickets.get.query({ number })).ticket.status).toBe('open');

    await agent.api.tickets.setPending.mutate({ number });
    expect((await requester.api.tickets.get.query({ number })).ticket.status).toBe('pending');

    const newcomer = `newcomer-${randomUUID().slice(0, 6)}@example.test`;
    const withCc = await requester.api.tickets.addCc.mutate({ number, email: newcomer });
    expect(withCc.ticket.ccs.map((p) => p.email)).toContain(newcomer);
    await requester.api.tickets.addCc.mutate({ number, email: ccd.user.email });
    expect(await numbersOf(ccd, 'ccd')).toContain(number);

    await requester.api.tickets.removeCc.mutate({ number, userId: ccd.user.id });
    expect(await numbersOf(ccd, 'ccd')).not.toContain(number);
    expect(await errorCode(ccd.api.tickets.get.query({ number }))).toBe('NOT_FOUND');

    await agent.api.tickets.assign.mutate({ number, assigneeId: null });
    expect((await requester.api.tickets.get.query({ number })).ticket.assignee).toBeNull();
    expect(await numbersOf(requester, 'mine', { unassigned: true })).toContain(number);

    await requester.api.tickets.solve.mutate({ number });
    seen = await requester.api.tickets.get.query({ number });
    expect(seen.ticket.status).toBe('solved');
    expect(seen.ticket.autoCloseAt).not.toBeNull();
    expect(await numbersOf(requester, 'mine', { status: ['solved'] })).toContain(number);
    // The audit trail holds every step, in order.
    expect(seen.audit.map((e) => e.seq)).toEqual([...seen.audit.map((e) => e.seq)].sort((a, b) => a - b));
    expect(seen.audit.filter((e) => e.kind === 'status_changed').map((e) => e.toStatus)).toEqual(['pending', 'open', 'on-hold', 'open', 'pending', 'solved']);
  });

  it('a CC\u2019d user may take themselves off a ticket', async () => {
    const { number } = await submit(requester, { ccEmails: [ccd.user.email] });
    await ccd.api.tickets.removeCc.mutate({ number, userId: ccd.user.id });
    expect(await numbersOf(ccd, 'ccd')).not.toContain(number);
  });
});

describe('idempotent creation', () => {
  it('the same request id twice, even at once, gives one ticket', async () => {
    const input = { type: 'feature_request' as const, subject: 'Dark mode', description: 'For night shifts', requestId: requestId() };
    const [a, b] = await Promise.all([requester.api.tickets.create.mutate(input), requester.api.tickets.create.mutate(input)]);
    const c = await requester.api.tickets.create.mutate(input);
    expect(new Set([a.number, b.number, c.number]).size).toBe(1);
    const mine = await requester.api.tickets.list.query({ view: 'mine', pageSize: 100 });
    expect(mine.items.filter((t) => t.subject === 'Dark mode')).toHaveLength(1);
    // Another person's request with the same id is another ticket.
    const theirs = await colleague.api.tickets.create.mutate(input);
    expect(theirs.number).not.toBe(a.number);
  });

  it('the same request id with other content is a CONFLICT that says so, and changes nothing', async () => {
    const input = { type: 'feature_request' as const, subject: 'Offline mode', description: 'For tunnels', requestId: requestId() };
    const first = await requester.api.tickets.create.mutate(input);
    const reused = await failure(requester.api.tickets.create.mutate({ ...input, subject: 'Something else entirely' }));
    expect(reused.data?.code).toBe('CONFLICT');
    expect(reused.message).toMatch(/request id was already used/);
    const mine = await requester.api.tickets.list.query({ view: 'mine', pageSize: 100 });
    expect(mine.items.filter((t) => t.subject === 'Something else entirely')).toHaveLength(0);
    // The same for a message: one request id, one reply; another reply under it is refused.
    const reply = { number: first.number, body: 'One more detail', requestId: requestId() };
    await requester.api.tickets.reply.mutate(reply);
    await requester.api.tickets.reply.mutate(reply);
    const other = await failure(requester.api.tickets.reply.mutate({ ...reply, body: 'A different detail' }));
    expect(other.data?.code).toBe('CONFLICT');
    const seen = await requester.api.tickets.get.query({ number: first.number });
    expect(seen.conversation.map((c) => c.body)).toEqual(['For tunnels', 'One more detail']);
  });
});

describe('authorization', () => {
  it('every ticket procedure refuses a caller who is not signed in', async () => {
    const number = (await submit(requester)).number;
    const calls = [
      () => anonymous.tickets.create.mutate({ type: 'critical', subject: 's', description: 'd', requestId: requestId() }),
      () => anonymous.tickets.get.query({ number }),
      () => anonymous.tickets.list.query({ view: 'mine' }),
      () => anonymous.tickets.reply.mutate({ number, body: 'hello' }),
      () => anonymous.tickets.setPending.mutate({ number }),
      () => anonymous.tickets.putOnHold.mutate({ number }),
      () => anonymous.tickets.solve.mutate({ number }),
      () => anonymous.tickets.reopen.mutate({ number }),
      () => anonymous.tickets.assign.mutate({ number, assigneeId: null }),
      () => anonymous.tickets.addCc.mutate({ number, email: 'x@example.test' }),
      () => anonymous.tickets.removeCc.mutate({ number, userId: 'x' }),
      () => anonymous.tickets.followUp.mutate({ number, description: 'again', requestId: requestId() }),
    ];
    for (const call of calls) expect(await errorCode(call())).toBe('UNAUTHORIZED');
  });

  it('an outsider gets NOT_FOUND from every procedure on the ticket; roles and standings get FORBIDDEN; nothing changes', async () => {
    const { number } = await submit(requester, { ccEmails: [ccd.user.email] });
    const before = await snapshot(number);

    const o = outsider.api.tickets;
    const hiddenCalls = [
      () => o.get.query({ number }),
      () => o.reply.mutate({ number, body: 'let me in' }),
      () => o.setPending.mutate({ number }),
      () => o.putOnHold.mutate({ number }),
      () => o.solve.mutate({ number }),
      () => o.reopen.mutate({ number }),
      () => o.assign.mutate({ number, assigneeId: null }),
      () => o.addCc.mutate({ number, email: outsider.user.email }),
      () => o.removeCc.mutate({ number, userId: ccd.user.id }),
      () => o.followUp.mutate({ number, description: 'again', requestId: requestId() }),
    ];
    for (const call of hiddenCalls) expect(await errorCode(call())).toBe('NOT_FOUND');

    const r = requester.api.tickets;
    const forbidden: Array<[string, () => Promise<unknown>]> = [
      ['requester setPending', () => r.setPending.mutate({ number })],
      ['requester putOnHold', () => r.putOnHold.mutate({ number })],
      ['requester reopen', () => r.reopen.mutate({ number })],
      ['requester assign', () => r.assign.mutate({ number, assigneeId: agent.user.id })],
      ['requester internal note', () => r.reply.mutate({ number, body: 'psst', internal: true })],
      ['requester reply with status', () => r.reply.mutate({ number, body: 'done?', status: 'pending' })],
      ['requester queue', () => r.list.query({ view: 'queue' })],
      ['cc solve', () => ccd.api.tickets.solve.mutate({ number })],
      ['cc addCc', () => ccd.api.tickets.addCc.mutate({ number, email: outsider.user.email })],
      ['cc removes someone else', () => ccd.api.tickets.removeCc.mutate({ number, userId: requester.user.id })],
      ['colleague reply', () => colleague.api.tickets.reply.mutate({ number, body: 'me too' })],
      ['colleague solve', () => colleague.api.tickets.solve.mutate({ number })],
      ['colleague addCc', () => colleague.api.tickets.addCc.mutate({ number, email: colleague.user.email })],
      ['colleague removeCc', () => colleague.api.tickets.removeCc.mutate({ number, userId: ccd.user.id })],
    ];
    for (const [what, call] of forbidden) expect(`${what}: ${await errorCode(call())}`).toBe(`${what}: FORBIDDEN`);

    expect(await snapshot(number)).toEqual(before);
    // Nobody was made an account by a refused CC either.
    expect((await api.stack.db.select().from(tickets).where(eq(tickets.number, number)))[0].ccIds).toEqual([ccd.user.id]);
  });
});

describe('bad input', () => {
  it('each malformed or refused call is answered with a code a client can act on and changes nothing', async () => {
    const { number } = await submit(requester);
    const before = await snapshot(number);
    const ticketCount = async () => (await api.stack.db.select({ n: count() }).from(tickets).where(eq(tickets.requesterId, requester.user.id)))[0].n;
    const ticketsBefore = await ticketCount();
    const usersBefore = (await api.stack.db.select({ n: count() }).from(users))[0].n;

    const empty = await failure(requester.api.tickets.reply.mutate({ number, body: '   ' }));
    expect(empty.data?.code).toBe('BAD_REQUEST');
    expect(empty.data?.fieldErrors).toHaveProperty('body');
    expect(await errorCode(requester.api.tickets.reply.mutate({ number, body: 'x'.repeat(32_001) }))).toBe('BAD_REQUEST');
    // A NUL would never reach Postgres: refused before the workflow could accept it.
    expect(await errorCode(requester.api.tickets.reply.mutate({ number, body: 'half\u0000way' }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.list.query({ view: 'queue', assigneeId: 'a\u0000b' }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.removeCc.mutate({ number, userId: "x' or 1=1 --" }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.reply.mutate({ number, body: 'bye', status: 'closed' as never }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.setPending.mutate({ number: -1 }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.setPending.mutate({ number: 1.5 }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.assign.mutate({ number, assigneeId: requester.user.id }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.tickets.assign.mutate({ number, assigneeId: 'nobody' }))).toBe('BAD_REQUEST');
    const badEmail = await failure(requester.api.tickets.addCc.mutate({ number, email: 'not-an-address' }));
    expect(badEmail.data?.fieldErrors).toHaveProperty('email');
    // Refused by the lifecycle itself: the requester cannot be CC'd on their own ticket.
    expect(await errorCode(requester.api.tickets.addCc.mutate({ number, email: requester.user.email }))).toBe('BAD_REQUEST');
    expect(await errorCode(requester.api.tickets.list.query({ view: 'everything' as never }))).toBe('BAD_REQUEST');
    expect(await errorCode(requester.api.tickets.list.query({ view: 'mine', pageSize: 1000 }))).toBe('BAD_REQUEST');

    // Refused transitions are CONFLICT and name the ticket's status.
    const reopen = await failure(agent.api.tickets.reopen.mutate({ number }));
    expect(reopen.data?.code).toBe('CONFLICT');
    expect(reopen.message).toContain('Open');
    expect(await errorCode(agent.api.tickets.removeCc.mutate({ number, userId: outsider.user.id }))).toBe('CONFLICT');
    const followUp = await failure(requester.api.tickets.followUp.mutate({ number, description: 'more', requestId: requestId() }));
    expect(followUp.data?.code).toBe('CONFLICT');
    expect(followUp.message).toContain('Open');

    // Oversized bodies are refused before anything reads them.
    const huge = await fetch(`${api.url}/trpc/tickets.reply`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: [...requester.api.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      body: JSON.stringify({ number, body: 'x'.repeat(300_000) }),
    });
    expect(huge.status).toBe(413);

    const bad = [
      () => requester.api.tickets.create.mutate({ type: 'urgent' as never, subject: 'Help', description: 'Now', requestId: requestId() }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: '', description: 'Now', requestId: requestId() }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: 'Help', description: '', requestId: requestId() }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: 'Help', description: 'Now', requestId: 'x' }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: 'x'.repeat(201), description: 'Now', requestId: requestId() }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: 'Bell\u0007', description: 'Now', requestId: requestId() }),
      () => requester.api.tickets.create.mutate({ type: 'critical', subject: 'Help', description: 'Now', requestId: requestId(), ccEmails: ['fine@example.test', 'broken'] }),
    ];
    for (const call of bad) expect(await errorCode(call())).toBe('BAD_REQUEST');

    expect(await snapshot(number)).toEqual(before);
    expect(await ticketCount()).toBe(ticketsBefore);
    expect((await api.stack.db.select({ n: count() }).from(users))[0].n).toBe(usersBefore);
  });
});

describe('list', () => {
  it('filters, puts Critical / SEV first on request, and pages', async () => {
    const assignee = await api.signedIn({ role: 'agent', label: 'list-agent' });
    const made = [];
    for (const type of ['software_issue', 'critical', 'feature_request'] as const) {
      const { number } = await submit(requester, { type });
      await agent.api.tickets.assign.mutate({ number, assigneeId: assignee.user.id });
      made.push({ number, type });
    }
    const critical = made.find((m) => m.type === 'critical')!.number;

    const queue = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, sort: 'criticalFirst' });
    expect(queue).toMatchObject({ total: 3, totalIsExact: true, hasMore: false });
    expect(queue.items[0].number).toBe(critical);
    const byUpdate = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, sort: 'updated' });
    expect(byUpdate.items.map((t) => t.number)).toEqual(made.map((m) => m.number).reverse());

    const page1 = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, sort: 'created', order: 'asc', pageSize: 2, page: 1 });
    const page2 = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, sort: 'created', order: 'asc', pageSize: 2, page: 2 });
    expect(page1.items.map((t) => t.number)).toEqual(made.slice(0, 2).map((m) => m.number));
    expect(page2.items.map((t) => t.number)).toEqual([made[2].number]);
    expect(page1).toMatchObject({ total: 3, totalIsExact: true, hasMore: true });
    expect(page2).toMatchObject({ total: 3, totalIsExact: true, hasMore: false });

    const features = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, type: ['feature_request'] });
    expect(features.items.map((t) => t.type)).toEqual(['feature_request']);
    expect(await numbersOf(agent, 'queue', { unassigned: true, type: ['critical'] })).not.toContain(critical);
    expect(await numbersOf(agent, 'queue', { slaBreached: false, assigneeId: assignee.user.id })).toContain(critical);
  });

  it('answers each list with its own values when lists of one shape follow each other (one query is built per shape)', async () => {
    const [first, second] = [await api.signedIn({ role: 'agent', label: 'shape-a' }), await api.signedIn({ role: 'agent', label: 'shape-b' })];
    const software = await submit(requester, { type: 'software_issue' });
    const feature = await submit(requester, { type: 'feature_request' });
    await agent.api.tickets.assign.mutate({ number: software.number, assigneeId: first.user.id });
    await agent.api.tickets.assign.mutate({ number: feature.number, assigneeId: second.user.id });
    const numbers = async (input: Parameters<typeof agent.api.tickets.list.query>[0]) => (await agent.api.tickets.list.query(input)).items.map((t) => t.number);

    // Same shape (one assignee, one type), other values.
    expect(await numbers({ view: 'queue', assigneeId: first.user.id, type: ['software_issue'] })).toEqual([software.number]);
    expect(await numbers({ view: 'queue', assigneeId: second.user.id, type: ['feature_request'] })).toEqual([feature.number]);
    expect(await numbers({ view: 'queue', assigneeId: second.user.id, type: ['software_issue'] })).toEqual([]);
    // Another shape: two types.
    expect(await numbers({ view: 'queue', assigneeId: first.user.id, type: ['feature_request', 'software_issue'] })).toEqual([software.number]);
    // The same view for two people: each sees their own.
    const other = await api.signedIn({ label: 'shape-requester' });
    const theirs = await submit(other);
    expect(await numbersOf(other, 'mine')).toEqual([theirs.number]);
    expect(await numbersOf(requester, 'mine')).not.toContain(theirs.number);
  });

  it('answers lists past the bound of kept shapes as it answers the others', async () => {
    const assignee = await api.signedIn({ role: 'agent', label: 'shape-bound' });
    const { number } = await submit(requester, { type: 'hardware_issue' });
    await agent.api.tickets.assign.mutate({ number, assigneeId: assignee.user.id });
    const statuses = ['open', 'pending', 'on-hold', 'solved', 'closed'] as const;
    const types = ['hardware_issue', 'critical', 'feature_request', 'software_issue'] as const;
    // More shapes than MAX_SHAPES (src/db/prepared.ts): every status count, type count, sort, order, and with or without the assigned filter.
    for (let s = 1; s <= statuses.length; s++)
      for (let t = 1; t <= types.length; t++)
        for (const sort of ['updated', 'created', 'criticalFirst', 'firstReplyDue', 'priority'] as const)
          for (const order of ['asc', 'desc'] as const)
            for (const unassigned of [undefined, false]) {
              const page = await agent.api.tickets.list.query({ view: 'queue', assigneeId: assignee.user.id, status: [...statuses.slice(0, s)], type: [...types.slice(0, t)], sort, order, unassigned });
              expect(page.items.map((item) => item.number)).toEqual([number]);
            }
    expect(5 * 4 * 5 * 2 * 2).toBeGreaterThan(MAX_SHAPES);
  });

  it('counts a thousand tickets past the page at most: exact below, "at least" above, and knows whether a next page exists', async () => {
    const pageSize = 25;
    // Exactly as many tickets as page 6's count may read: from page 7 on the count sees them all.
    const count = 6 * pageSize + COUNT_BEYOND_PAGE;
    const lastPage = count / pageSize;
    const organization = `Fleet ${randomUUID().slice(0, 6)}`;
    const [owner, colleague] = await Promise.all([api.signedIn({ label: 'busy', org: organization }), api.signedIn({ label: 'busy-colleague', org: organization })]);
    const organizationId = (await findOrCreateOrganization(api.stack.db, organization)).id;
    const inserted = await insertProjectionTickets(api.stack.db, { count, requester: owner.user, organizationId });
    try {
      for (const [who, view] of [
        [owner, 'mine'],
        [colleague, 'organization'],
      ] as const) {
        const pageOf = async (page: number) => {
          const out = await who.api.tickets.list.query({ view, pageSize, page });
          return { items: out.items.length, total: out.total, totalIsExact: out.totalIsExact, hasMore: out.hasMore };
        };
        expect(await pageOf(1), view).toEqual({ items: pageSize, total: pageSize + COUNT_BEYOND_PAGE, totalIsExact: false, hasMore: true });
        expect(await pageOf(6), view).toEqual({ items: pageSize, total: count, totalIsExact: false, hasMore: true });
        expect(await pageOf(7), view).toEqual({ items: pageSize, total: count, totalIsExact: true, hasMore: true });
        expect(await pageOf(lastPage - 1), view).toEqual({ items: pageSize, total: count, totalIsExact: true, hasMore: true });
        expect(await pageOf(lastPage), view).toEqual({ items: pageSize, total: count, totalIsExact: true, hasMore: false });
        expect(await pageOf(lastPage + 1), view).toEqual({ items: 0, total: count, totalIsExact: true, hasMore: false });
        // The pages hold the tickets in order, the deep ones too (the organization view reads each
        // organization only as far as the page).
        for (const page of [2, 40]) {
          const numbers = (await who.api.tickets.list.query({ view, pageSize, page })).items.map((t) => t.number);
          expect(numbers, `${view} page ${page}`).toEqual(inserted.numbers.slice((page - 1) * pageSize, page * pageSize));
        }
      }
    } finally {
      await inserted.remove();
    }
  });

  it('the organization view shows the tickets of every organization of the user, and none to a user in no organization', async () => {
    const names = ['North', 'South', 'East'].map((name) => `${name} ${randomUUID().slice(0, 6)}`);
    const [north, south, east] = await Promise.all(names.map((name) => findOrCreateOrganization(api.stack.db, name)));
    const [inTwo, inEast, inNone] = await Promise.all([
      api.signedIn({ label: 'two-organizations', org: names[0] }),
      api.signedIn({ label: 'east', org: names[2] }),
      api.signedIn({ label: 'no-organization' }),
    ]);
    await addMembership(api.stack.db, inTwo.user.id, south.id);
    const someone = { id: `someone-${randomUUID()}`, email: 'someone@example.test' };
    const [northTickets, southTickets, eastTickets] = await Promise.all(
      [north, south, east].map((organization, i) => insertProjectionTickets(api.stack.db, { count: i + 2, requester: someone, organizationId: organization.id })),
    );
    try {
      const sorted = (numbers: number[]) => [...numbers].sort((a, b) => a - b);
      expect(sorted(await numbersOf(inTwo, 'organization'))).toEqual(sorted([...northTickets.numbers, ...southTickets.numbers]));
      expect(sorted(await numbersOf(inEast, 'organization'))).toEqual(sorted(eastTickets.numbers));
      expect(await inNone.api.tickets.list.query({ view: 'organization' })).toMatchObject({ items: [], total: 0, totalIsExact: true, hasMore: false });
    } finally {
      await Promise.all([northTickets, southTickets, eastTickets].map((inserted) => inserted.remove()));
    }
  });
});
