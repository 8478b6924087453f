// Text that Postgres or mail cannot carry (a lone surrogate, NUL and other control characters,
// noncharacters), sent to every door that takes text: the API's fields over raw HTTP and a Signal
// from the Temporal CLI. Each is refused with an error that names the field, before a ticket
// number is used, and no projection write is left retrying.
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { signals } from '../../workflows/ticket/messages.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { callApi } from '../helpers/http-api.js';
import { pause } from '../helpers/wait.js';
import { footprint } from './helpers/footprint.js';

let api: TestApi;
let requesterCookie: string;
let adminCookie: string;
let requesterId: string;
let number: number;

const cookieOf = (client: { cookies: Map<string, string> }) => `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}`;

/** A lone high and a lone low surrogate, NUL, a C1 control and a noncharacter, each inside text. */
const UNSTORABLE = ['Dock \uD800 jammed', 'Dock \uDC00 jammed', 'Dock\u0000 jammed', 'Dock \u0085 jammed', 'Dock \uFFFF jammed'];

beforeAll(async () => {
  api = await startApi();
  const requester = await api.signedIn({ label: 'requester' });
  const admin = await api.signedIn({ role: 'admin', label: 'admin' });
  requesterCookie = cookieOf(requester.api);
  adminCookie = cookieOf(admin.api);
  requesterId = requester.user.id;
  const created = await callApi(api.url, 'tickets.create', ticket(), { cookie: requesterCookie });
  expect(created.status).toBe(200);
  number = (created.data as { number: number }).number;
});
afterAll(async () => api?.close());

function ticket() {
  return { type: 'hardware_issue', subject: 'Dock 3 jammed', description: 'Bikes do not release at dock 3.', requestId: randomUUID() };
}

const lastNumber = async () => Number((await api.stack.db.execute<{ n: string }>(sql`select max(number) as n from ticket_requests`))[0].n);

describe('text Postgres or mail cannot carry', () => {
  it('is refused at every API field that takes text, naming the field, before a number is used', async () => {
    const numberBefore = await lastNumber();
    const doors: Array<[string, (bad: string) => unknown, string, string]> = [
      ['tickets.create', (bad) => ({ ...ticket(), subject: bad }), 'subject', requesterCookie],
      ['tickets.create', (bad) => ({ ...ticket(), description: bad }), 'description', requesterCookie],
      ['tickets.reply', (bad) => ({ number, body: bad }), 'body', requesterCookie],
      ['users.create', (bad) => ({ email: `x-${randomUUID().slice(0, 6)}@example.test`, name: bad, role: 'requester' }), 'name', adminCookie],
      ['organizations.create', (bad) => ({ name: bad }), 'name', adminCookie],
      // The satisfaction survey's page, which nobody signs in to: refused before its link is even looked up.
      ['satisfaction.rate', (bad) => ({ token: 'x'.repeat(43), rating: 'bad', comment: bad }), 'comment', ''],
    ];
    for (const bad of UNSTORABLE) {
      for (const [path, input, field, cookie] of doors) {
        const before = await footprint(api.stack.db, requesterId, number);
        const answer = await callApi(api.url, path, input(bad), { cookie });
        expect(answer.status, `${path} ${JSON.stringify(bad)}: ${answer.text.slice(0, 200)}`).toBe(400);
        expect(answer.error?.fieldErrors?.[field], `${path} ${field}`).toEqual([expect.stringContaining('not text')]);
        expect(await footprint(api.stack.db, requesterId, number)).toEqual(before);
      }
    }
    expect(await lastNumber()).toBe(numberBefore);
  });

  it('sent as a Signal from the CLI, is refused by the workflow; nothing is recorded and nothing retries', async () => {
    const handle = api.stack.client.workflow.getHandle(ticketWorkflowId(number));
    const before = await footprint(api.stack.db, requesterId, number);
    const version = (await api.stack.desk.state(number)).version;
    for (const bad of UNSTORABLE) {
      await handle.signal(signals.reply, { actor: { kind: 'agent', id: 'ops', name: 'Ops' }, body: bad });
      await handle.signal(signals.addCc, { actor: { kind: 'agent', id: 'ops' }, person: { id: 'p-1', email: 'p@example.test', name: bad } });
      await handle.signal(signals.rate, { actor: { kind: 'requester', id: requesterId }, survey: 1, rating: 'bad', comment: bad });
    }
    // A good Signal after the bad ones is applied: the bad ones were seen and set aside.
    await handle.signal(signals.putOnHold, { actor: { kind: 'agent', id: 'ops' } });
    await pause(200);
    const state = await api.stack.desk.sync(number);
    expect(state.version).toBe(version + 1);
    expect(state.status).toBe('on-hold');
    const after = await footprint(api.stack.db, requesterId, number);
    expect({ ...after, version: before.version, status: before.status, updated_at: before.updated_at, events: before.events }).toEqual(before);
    expect((await handle.describe()).raw.pendingActivities ?? []).toHaveLength(0);
  });
});
