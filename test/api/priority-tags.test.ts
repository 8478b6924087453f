// Priority and tags through the API: Support Ops set them at any time but Closed, in the audit
// trail (workEvents), as search attributes, as filters and sorts of the queue and the search, with
// suggestions from the tags in use; requesters see none of it, and may not filter by it.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { TicketPriority, TicketTags } from '../../workflows/ticket/search-attributes.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { FAST_POLICY } from '../helpers/stack.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, agent: Person;

beforeAll(async () => {
  api = await startApi({ policy: FAST_POLICY });
  [requester, agent] = await Promise.all([api.signedIn({ label: 'requester', org: `Shop ${randomUUID().slice(0, 6)}` }), api.signedIn({ role: 'agent' })]);
});
afterAll(async () => api?.close());

const submit = async (type: 'critical' | 'software_issue' = 'software_issue', subject = 'Card reader offline') =>
  (await requester.api.tickets.create.mutate({ type, subject, description: 'Since nine.', requestId: requestId() })).number;

describe('priority and tags', () => {
  it('Support Ops set them; the ticket, its trail, its search attributes say so; requesters see none of it', async () => {
    const critical = await submit('critical');
    expect((await agent.api.tickets.get.query({ number: critical })).ticket.priority).toBe('urgent');
    const number = await submit();
    expect((await agent.api.tickets.get.query({ number })).ticket).toMatchObject({ priority: 'normal', tags: [] });

    const set = await agent.api.tickets.setPriority.mutate({ number, priority: 'high', requestId: requestId() });
    expect(set.ticket.priority).toBe('high');
    const tag = `Dock ${randomUUID().slice(0, 4)}`;
    const normalised = tag.toLowerCase().replace(' ', '-');
    const tagged = await agent.api.tickets.changeTags.mutate({ number, add: [tag, ' WiFi ', 'wifi'], requestId: requestId() });
    expect(tagged.ticket.tags).toEqual([normalised, 'wifi']);
    const untagged = await agent.api.tickets.changeTags.mutate({ number, remove: ['WIFI'], requestId: requestId() });
    expect(untagged.ticket.tags).toEqual([normalised]);

    const read = await agent.api.tickets.get.query({ number });
    expect(read.workEvents.map((e) => [e.kind, e.data])).toEqual([
      ['priority_changed', { from: 'normal', to: 'high' }],
      ['tags_changed', { added: [normalised, 'wifi'], removed: [] }],
      ['tags_changed', { added: [], removed: ['wifi'] }],
    ]);
    // One trail: audit and workEvents share the seq numbers, without gaps.
    const seqs = [...read.audit, ...read.workEvents].map((e) => e.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));

    const theirs = await requester.api.tickets.get.query({ number });
    expect(theirs.ticket).toMatchObject({ priority: null, tags: [] });
    expect(theirs.workEvents).toEqual([]);
    expect(JSON.stringify(theirs)).not.toContain(normalised);

    const description = await api.stack.client.workflow.getHandle(ticketWorkflowId(number)).describe();
    expect(description.typedSearchAttributes.get(TicketPriority)).toBe('high');
    expect(description.typedSearchAttributes.get(TicketTags)).toEqual([normalised]);
    await eventually(async () => {
      const found: string[] = [];
      for await (const wf of api.stack.client.workflow.list({ query: `TicketTags = "${normalised}" AND TicketPriority = "high" AND ExecutionStatus = "Running"` })) found.push(wf.workflowId);
      expect(found).toEqual([ticketWorkflowId(number)]);
    });
  });

  it('refuses what is no change, what requesters send, bad tags, and anything on a Closed ticket', async () => {
    const number = await submit();
    const same = await failure(agent.api.tickets.setPriority.mutate({ number, priority: 'normal' }));
    expect(same.data).toMatchObject({ code: 'CONFLICT', refusal: { reason: 'transition', status: 'open' } });
    expect(await errorCode(agent.api.tickets.changeTags.mutate({ number, remove: ['absent'] }))).toBe('CONFLICT');
    expect(await errorCode(requester.api.tickets.setPriority.mutate({ number, priority: 'urgent' }))).toBe('FORBIDDEN');
    expect(await errorCode(requester.api.tickets.changeTags.mutate({ number, add: ['mine'] }))).toBe('FORBIDDEN');
    expect((await failure(agent.api.tickets.changeTags.mutate({ number, add: ['a/b'] }))).data?.code).toBe('BAD_REQUEST');
    expect((await failure(agent.api.tickets.changeTags.mutate({ number }))).data?.fieldErrors).toHaveProperty('add');
    expect((await failure(agent.api.tickets.changeTags.mutate({ number, add: ['ok\u0000'] }))).data?.code).toBe('BAD_REQUEST');

    // A signal from the CLI is parsed the same way: normalised, or ignored when malformed.
    const handle = api.stack.client.workflow.getHandle(ticketWorkflowId(number));
    await handle.signal(signals.changeTags, { actor: { kind: 'agent', id: 'ops' }, add: ['  From CLI '] });
    await handle.signal(signals.setPriority, { actor: { kind: 'agent', id: 'ops' }, priority: 'enormous' } as never);
    const synced = await api.stack.desk.sync(number);
    expect(synced).toMatchObject({ tags: ['from-cli'], priority: 'normal' });

    await agent.api.tickets.solve.mutate({ number });
    await eventually(async () => expect((await agent.api.tickets.get.query({ number })).ticket.status).toBe('closed'), { timeoutMs: 20_000 });
    for (const call of [() => agent.api.tickets.setPriority.mutate({ number, priority: 'low' }), () => agent.api.tickets.changeTags.mutate({ number, add: ['late'] })]) {
      expect((await failure(call())).data).toMatchObject({ code: 'CONFLICT', refusal: { status: 'closed' } });
    }
  });
});

describe('lists, search and suggestions', () => {
  it('filter and sort by priority and tags, for Support Ops only; suggestions count the tags in use', async () => {
    const tag = `zt${randomUUID().slice(0, 6)}`;
    const [low, urgent, untouched] = [await submit(), await submit('critical'), await submit()];
    await agent.api.tickets.setPriority.mutate({ number: low, priority: 'low' });
    for (const number of [low, urgent]) await agent.api.tickets.changeTags.mutate({ number, add: [tag, `${tag}-b`] });
    await agent.api.tickets.changeTags.mutate({ number: urgent, remove: [`${tag}-b`] });

    const queue = async (filters: Record<string, unknown>) => (await agent.api.tickets.list.query({ view: 'queue', pageSize: 100, ...filters })).items.map((t) => t.number);
    expect(await queue({ tags: [tag] })).toEqual([urgent, low]);
    expect(await queue({ tags: [tag.toUpperCase(), `${tag}-b`] })).toEqual([low]);
    expect(await queue({ tags: [tag], priority: ['low', 'high'] })).toEqual([low]);
    expect(await queue({ tags: [tag], sort: 'priority' })).toEqual([urgent, low]);
    expect(await queue({ tags: [tag], sort: 'priority', order: 'asc' })).toEqual([urgent, low]);
    expect(await queue({ priority: ['low'] })).toContain(low);
    expect(await queue({ priority: ['low'] })).not.toContain(untouched);
    const items = (await agent.api.tickets.list.query({ view: 'queue', tags: [tag] })).items;
    expect(items.map((t) => [t.priority, t.tags])).toEqual([
      ['urgent', [tag]],
      ['low', [tag, `${tag}-b`]],
    ]);

    const found = async (filters: Record<string, unknown>) => (await agent.api.tickets.search.query({ q: 'card reader', pageSize: 50, ...filters })).items.map((i) => i.ticket.number);
    expect((await found({ tags: [tag] })).sort()).toEqual([low, urgent].sort());
    expect(await found({ tags: [tag], priority: ['urgent'] })).toEqual([urgent]);
    expect(await found({ tags: [tag], sort: 'priority' })).toEqual([urgent, low]);

    // Each call starts only when awaited: a refusal never waits unhandled behind another.
    for (const call of [
      () => requester.api.tickets.list.query({ view: 'mine', tags: [tag] }),
      () => requester.api.tickets.list.query({ view: 'mine', priority: ['low'] }),
      () => requester.api.tickets.list.query({ view: 'mine', sort: 'priority' }),
      () => requester.api.tickets.search.query({ q: 'card', tags: [tag] }),
    ]) {
      expect(await errorCode(call())).toBe('FORBIDDEN');
    }

    expect(await agent.api.tickets.tagSuggestions.query({ prefix: tag.toUpperCase() })).toEqual([
      { name: tag, tickets: 2 },
      { name: `${tag}-b`, tickets: 1 },
    ]);
    expect(await errorCode(requester.api.tickets.tagSuggestions.query({ prefix: '' }))).toBe('FORBIDDEN');
  });
});
