// tickets.bulk: one change to a selection, each ticket its own Update, each a result of its own;
// the same request again changes nothing twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BULK_TICKETS } from '../../src/api/ticket-bulk.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { FAST_POLICY } from '../helpers/stack.js';
import { projection } from '../helpers/tickets.js';
import { eventually } from '../helpers/wait.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, agent: Person, other: Person;

beforeAll(async () => {
  api = await startApi({ policy: FAST_POLICY });
  [requester, agent, other] = await Promise.all([api.signedIn(), api.signedIn({ role: 'agent' }), api.signedIn({ role: 'agent', label: 'other' })]);
});
afterAll(async () => api?.close());

const submit = async () => (await requester.api.tickets.create.mutate({ type: 'software_issue', subject: 'App slow', description: 'Very.', requestId: requestId() })).number;

describe('bulk changes', () => {
  it('a mix of allowed and refused: each ticket says what was done or why not, and nothing else moved', async () => {
    const [a, b, pending, closed] = [await submit(), await submit(), await submit(), await submit()];
    await agent.api.tickets.setPending.mutate({ number: pending });
    await agent.api.tickets.solve.mutate({ number: closed });
    await eventually(async () => expect((await agent.api.tickets.get.query({ number: closed })).ticket.status).toBe('closed'), { timeoutMs: 20_000 });
    const missing = 987_654_321;
    const id = requestId();
    const answer = await agent.api.tickets.bulk.mutate({ numbers: [a, pending, closed, missing, b, a], change: { kind: 'status', status: 'pending' }, requestId: id });
    expect(answer).toMatchObject({ done: 2, refused: 3, failed: 0 });
    expect(answer.results.map((r) => [r.number, r.outcome])).toEqual([
      [a, 'done'],
      [pending, 'refused'],
      [closed, 'refused'],
      [missing, 'refused'],
      [b, 'done'],
    ]);
    const [, already, gone, unknown] = answer.results;
    expect(already).toMatchObject({ code: 'CONFLICT', refusal: { reason: 'transition', status: 'pending' }, message: `Ticket #${pending} is already Pending.` });
    expect(gone).toMatchObject({ code: 'CONFLICT', refusal: { reason: 'transition', status: 'closed' } });
    expect(unknown).toMatchObject({ code: 'NOT_FOUND', refusal: null });
    const done = answer.results[0];
    expect(done.outcome === 'done' && done.ticket.status).toBe('pending');

    // The same request again: nothing applied twice, the same answers.
    const versions = async () => Promise.all([a, b, pending].map(async (n) => (await projection(api.stack, n)).row.version));
    const before = await versions();
    const again = await agent.api.tickets.bulk.mutate({ numbers: [a, pending, closed, missing, b], change: { kind: 'status', status: 'pending' }, requestId: id });
    expect(again.results.map((r) => r.outcome)).toEqual(['done', 'refused', 'refused', 'refused', 'done']);
    expect(await versions()).toEqual(before);
    // The same request id with another change is refused for each ticket it named.
    const reused = await agent.api.tickets.bulk.mutate({ numbers: [a], change: { kind: 'status', status: 'on-hold' }, requestId: id });
    expect(reused.results[0]).toMatchObject({ outcome: 'refused', code: 'CONFLICT', message: expect.stringContaining('request id') });
  });

  it('assigns, sets priorities and tags', async () => {
    const numbers = [await submit(), await submit(), await submit()];
    const assigned = await agent.api.tickets.bulk.mutate({ numbers, change: { kind: 'assign', assigneeId: other.user.id }, requestId: requestId() });
    expect(assigned.results.map((r) => r.outcome === 'done' && r.ticket.assignee?.id)).toEqual(numbers.map(() => other.user.id));
    await agent.api.tickets.setPriority.mutate({ number: numbers[0], priority: 'urgent' });
    const prioritised = await agent.api.tickets.bulk.mutate({ numbers, change: { kind: 'priority', priority: 'urgent' }, requestId: requestId() });
    expect(prioritised.results.map((r) => r.outcome)).toEqual(['refused', 'done', 'done']);
    const tagged = await agent.api.tickets.bulk.mutate({ numbers, change: { kind: 'tags', add: ['Perf '] }, requestId: requestId() });
    expect(tagged.results.map((r) => r.outcome === 'done' && r.ticket.tags)).toEqual(numbers.map(() => ['perf']));
    const unassigned = await agent.api.tickets.bulk.mutate({ numbers, change: { kind: 'assign', assigneeId: null }, requestId: requestId() });
    expect(unassigned.done).toBe(3);
    // Someone who cannot take tickets refuses the whole request, before any ticket is touched.
    expect(await errorCode(agent.api.tickets.bulk.mutate({ numbers, change: { kind: 'assign', assigneeId: requester.user.id }, requestId: requestId() }))).toBe('BAD_REQUEST');
  });

  it('is for Support Ops, and for at most MAX_BULK_TICKETS tickets', async () => {
    const number = await submit();
    expect(await errorCode(requester.api.tickets.bulk.mutate({ numbers: [number], change: { kind: 'status', status: 'solved' }, requestId: requestId() }))).toBe('FORBIDDEN');
    const tooMany = Array.from({ length: MAX_BULK_TICKETS + 1 }, (_, i) => i + 1);
    expect((await failure(agent.api.tickets.bulk.mutate({ numbers: tooMany, change: { kind: 'priority', priority: 'low' }, requestId: requestId() }))).data?.code).toBe('BAD_REQUEST');
    expect((await failure(agent.api.tickets.bulk.mutate({ numbers: [number], change: { kind: 'tags' }, requestId: requestId() }))).data?.fieldErrors).toBeTruthy();
  });
});
