// Canned replies through the API: Support Ops keep a shared set; one is filled in for a ticket in
// its requester's language for review, then sent with all its actions in one Update, which lands
// whole or not at all; each send is counted once.
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { users } from '../../src/db/schema.js';
import { errorCode, failure, requestId, startApi, type TestApi } from '../helpers/api.js';
import { projection } from '../helpers/tickets.js';

let api: TestApi;
type Person = Awaited<ReturnType<TestApi['signedIn']>>;
let requester: Person, agent: Person, admin: Person;

beforeAll(async () => {
  api = await startApi();
  [requester, agent, admin] = await Promise.all([api.signedIn({ label: 'camille' }), api.signedIn({ role: 'agent', label: 'sam' }), api.signedIn({ role: 'admin' })]);
  await api.stack.db.update(users).set({ name: 'Camille Martin' }).where(eq(users.id, requester.user.id));
  await api.stack.db.update(users).set({ name: 'Sam Agent' }).where(eq(users.id, agent.user.id));
});
afterAll(async () => api?.close());

const title = (what: string) => `${what} ${randomUUID().slice(0, 6)}`;
const submit = async () => (await requester.api.tickets.create.mutate({ type: 'hardware_issue', subject: 'Terminal frozen', description: 'The payment terminal is stuck.', requestId: requestId() })).number;

describe('the shared set', () => {
  it('agents and admins create, list, change and remove canned replies; requesters may not', async () => {
    const created = await agent.api.macros.create.mutate({ title: title('Reset'), body: { en: 'Hello {{requester.firstName}}', fr: 'Bonjour {{ requester.firstName }}' }, actions: { status: 'pending' } });
    expect(created).toMatchObject({ body: { en: 'Hello {{requester.firstName}}' }, actions: { status: 'pending' }, usageCount: 0, createdBy: agent.user.id });
    expect((await admin.api.macros.list.query()).map((m) => m.id)).toContain(created.id);
    const changed = await admin.api.macros.update.mutate({ id: created.id, actions: { priority: 'high', addTags: [' Terminal '] } });
    expect(changed).toMatchObject({ title: created.title, actions: { priority: 'high', addTags: ['terminal'] }, updatedBy: admin.user.id });
    expect(await errorCode(agent.api.macros.create.mutate({ title: created.title.toUpperCase(), body: { en: 'x' } }))).toBe('CONFLICT');
    const unknown = await failure(agent.api.macros.create.mutate({ title: title('Bad'), body: { en: 'Hi {{requester.nickname}}' } }));
    expect(unknown.data?.code).toBe('BAD_REQUEST');
    expect(unknown.message).toContain('{{requester.nickname}}');
    expect(await errorCode(agent.api.macros.create.mutate({ title: title('Empty'), body: {} }))).toBe('BAD_REQUEST');
    expect(await errorCode(agent.api.macros.create.mutate({ title: title('Odd'), body: { en: 'x' }, actions: { assignee: 'not an id!' } }))).toBe('BAD_REQUEST');
    for (const call of [() => requester.api.macros.list.query(), () => requester.api.macros.create.mutate({ title: 'x', body: { en: 'x' } })]) expect(await errorCode(call())).toBe('FORBIDDEN');
    expect((await agent.api.macros.placeholders.query()).map((p) => p.token)).toContain('{{ticket.number}}');
    await agent.api.macros.remove.mutate({ id: created.id });
    expect((await agent.api.macros.list.query()).map((m) => m.id)).not.toContain(created.id);
    expect(await errorCode(agent.api.macros.remove.mutate({ id: created.id }))).toBe('NOT_FOUND');
  });
});

describe('applying one', () => {
  it('fills it in for review in the requester’s language, then sends the text and every action in one Update', async () => {
    const number = await submit();
    await api.stack.db.update(users).set({ language: 'fr' }).where(eq(users.id, requester.user.id));
    const macro = await agent.api.macros.create.mutate({
      title: title('Need the serial'),
      body: { en: 'Hi {{requester.firstName}}, ticket #{{ticket.number}}: the serial please. {{agent.name}}', fr: 'Bonjour {{requester.firstName}}, demande n° {{ticket.number}} : le numéro de série svp. {{agent.firstName}}' },
      actions: { status: 'pending', priority: 'high', addTags: ['terminal', 'serial'], assignee: '@me' },
    });

    const preview = await agent.api.macros.render.query({ id: macro.id, number });
    expect(preview).toMatchObject({
      language: 'fr',
      body: `Bonjour Camille, demande n° ${number} : le numéro de série svp. Sam`,
      actions: { status: 'pending', priority: 'high', addTags: ['terminal', 'serial'], assignee: { id: agent.user.id } },
    });
    expect((await agent.api.macros.render.query({ id: macro.id, number, language: 'en' })).body).toBe(`Hi Camille, ticket #${number}: the serial please. Sam Agent`);

    const before = await projection(api.stack, number);
    const sent = requestId();
    const { ticket } = await agent.api.macros.send.mutate({ id: macro.id, number, requestId: sent, body: `${preview.body} Merci !` });
    expect(ticket).toMatchObject({ status: 'pending', priority: 'high', tags: ['terminal', 'serial'], assignee: { id: agent.user.id }, version: before.row.version + 1 });
    const after = await projection(api.stack, number);
    expect(after.comments.at(-1)?.body).toBe(`${preview.body} Merci !`);
    // One change: the reply and its actions, in one version, the events in a row.
    const events = after.events.slice(before.events.length);
    expect(events.map((e) => e.kind)).toEqual(['commented', 'status_changed', 'priority_changed', 'tags_changed', 'assigned']);
    expect(events[0].data).toMatchObject({ internal: false, macro: { id: macro.id, title: macro.title } });
    // The same request again is the same reply: applied and counted once.
    await agent.api.macros.send.mutate({ id: macro.id, number, requestId: sent, body: `${preview.body} Merci !` });
    expect((await projection(api.stack, number)).events.length).toBe(after.events.length);
    expect((await agent.api.macros.list.query()).find((m) => m.id === macro.id)).toMatchObject({ usageCount: 1 });

    // Applied as an internal note, rendered on the server when no text is given; actions already true are no change.
    const second = await agent.api.macros.send.mutate({ id: macro.id, number, requestId: requestId(), internal: true });
    expect(second.ticket.version).toBe(ticket.version + 1);
    const last = await projection(api.stack, number);
    expect(last.comments.at(-1)).toMatchObject({ internal: true, body: preview.body });
    expect(last.events.slice(after.events.length).map((e) => e.kind)).toEqual(['commented']);
    expect((await agent.api.macros.list.query()).find((m) => m.id === macro.id)?.usageCount).toBe(2);
  });

  it('one refused action refuses the whole: nothing is recorded, nothing counted', async () => {
    const number = await submit();
    const many = Array.from({ length: 19 }, (_, i) => `t${i}`);
    await agent.api.tickets.changeTags.mutate({ number, add: many });
    const tooMany = await agent.api.macros.create.mutate({ title: title('Too many tags'), body: { en: 'On it.' }, actions: { status: 'on-hold', addTags: ['one', 'two'] } });
    const before = await projection(api.stack, number);
    const refused = await failure(agent.api.macros.send.mutate({ id: tooMany.id, number, requestId: requestId() }));
    expect(refused.data).toMatchObject({ code: 'BAD_REQUEST', refusal: { reason: 'invalid' } });
    const after = await projection(api.stack, number);
    expect({ version: after.row.version, status: after.row.status, comments: after.comments.length, events: after.events.length }).toEqual({
      version: before.row.version,
      status: 'open',
      comments: before.comments.length,
      events: before.events.length,
    });
    expect((await agent.api.macros.list.query()).find((m) => m.id === tooMany.id)?.usageCount).toBe(0);

    // An assignee who left Support Ops: refused before anything is sent.
    const leaver = await api.signedIn({ role: 'agent', label: 'leaver' });
    const toLeaver = await agent.api.macros.create.mutate({ title: title('To the leaver'), body: { en: 'Passing it on.' }, actions: { assignee: leaver.user.id } });
    await api.stack.db.update(users).set({ disabledAt: new Date() }).where(eq(users.id, leaver.user.id));
    expect(await errorCode(agent.api.macros.send.mutate({ id: toLeaver.id, number, requestId: requestId() }))).toBe('BAD_REQUEST');
    expect((await projection(api.stack, number)).row.version).toBe(before.row.version);

    // Requesters may not apply one, even to their own ticket.
    expect(await errorCode(requester.api.macros.send.mutate({ id: toLeaver.id, number, requestId: requestId() }))).toBe('FORBIDDEN');
  });
});
