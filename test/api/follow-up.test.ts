// Tickets that live their whole life within the test (policy in seconds): a Closed ticket refuses
// replies with a clear CONFLICT and is followed up by a new, linked ticket; an SLA breach shows in
// the queue's filter.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { eventually } from '../helpers/wait.js';
import { FAST_POLICY } from '../helpers/stack.js';

let api: TestApi;
beforeAll(async () => {
  api = await startApi({ policy: FAST_POLICY });
});
afterAll(async () => api?.close());

describe('closed tickets and follow-ups', () => {
  it('a Closed ticket refuses replies and changes; a follow-up links a new ticket to it', async () => {
    const org = `Workshop ${randomUUID().slice(0, 6)}`;
    const requester = await api.signedIn({ org });
    const colleague = await api.signedIn({ org, label: 'colleague' });
    const outsider = await api.signedIn({ label: 'outsider' });
    const agent = await api.signedIn({ role: 'agent' });
    const ccd = await api.signedIn({ label: 'ccd' });
    const { number } = await requester.api.tickets.create.mutate({
      type: 'hardware_issue', subject: 'Broken lock', description: 'Dock 4 lock stuck', ccEmails: [ccd.user.email], requestId: requestId(),
    });
    await agent.api.tickets.solve.mutate({ number });
    const closed = await eventually(async () => {
      const read = await requester.api.tickets.get.query({ number });
      expect(read.ticket.status).toBe('closed');
      return read;
    });
    expect(closed.ticket.closedAt).not.toBeNull();

    const reply = await failure(requester.api.tickets.reply.mutate({ number, body: 'Still broken' }));
    expect(reply.data?.code).toBe('CONFLICT');
    expect(reply.message).toMatch(/Closed/);
    expect(reply.message).toMatch(/follow-up/);
    expect(await errorCode(agent.api.tickets.reopen.mutate({ number }))).toBe('CONFLICT');
    expect(await errorCode(requester.api.tickets.addCc.mutate({ number, email: colleague.user.email }))).toBe('CONFLICT');
    expect(await errorCode(outsider.api.tickets.followUp.mutate({ number, description: 'me too', requestId: requestId() }))).toBe('NOT_FOUND');
    expect((await requester.api.tickets.get.query({ number })).ticket.version).toBe(closed.ticket.version);

    const followRequest = { number, description: 'The lock jammed again', requestId: requestId() };
    const follow = await requester.api.tickets.followUp.mutate(followRequest);
    expect(follow.number).not.toBe(number);
    expect(follow.ticket).toMatchObject({ followUpOf: number, status: 'open', type: 'hardware_issue' });
    expect(follow.ticket.subject).toContain(`#${number}`);
    expect(follow.ticket.ccs.map((p) => p.id)).toEqual([ccd.user.id]);
    // Retried, it is the same follow-up.
    expect((await requester.api.tickets.followUp.mutate(followRequest)).number).toBe(follow.number);
    expect((await requester.api.tickets.get.query({ number })).followUps).toEqual([follow.number]);
    expect((await requester.api.tickets.list.query({ view: 'mine' })).items.map((t) => t.number)).toContain(follow.number);

    // A colleague may follow up too: they become the requester, the original requester is CC'd.
    const theirs = await colleague.api.tickets.followUp.mutate({ number, description: 'Dock 5 as well', requestId: requestId() });
    expect(theirs.ticket.requester.id).toBe(colleague.user.id);
    expect(theirs.ticket.ccs.map((p) => p.id).sort()).toEqual([ccd.user.id, requester.user.id].sort());
  });

  it('a first-reply target missed shows as breached in the queue and in the ticket', async () => {
    const requester = await api.signedIn();
    const agent = await api.signedIn({ role: 'agent' });
    const { number } = await requester.api.tickets.create.mutate({ type: 'critical', subject: 'Payments down', description: 'No rental can be paid', requestId: requestId() });
    const breached = await eventually(async () => {
      const read = await agent.api.tickets.get.query({ number });
      expect(read.ticket.slaBreachedAt).not.toBeNull();
      return read;
    });
    expect(new Date(breached.ticket.slaBreachedAt!).getTime()).toBe(new Date(breached.ticket.firstReplyDueAt).getTime());
    expect(breached.audit.map((e) => e.kind)).toContain('sla_breached');
    const queue = await agent.api.tickets.list.query({ view: 'queue', slaBreached: true, type: ['critical'], pageSize: 100 });
    expect(queue.items.map((t) => t.number)).toContain(number);
    const mine = await requester.api.tickets.list.query({ view: 'mine', slaBreached: false });
    expect(mine.items.map((t) => t.number)).not.toContain(number);
  });
});
