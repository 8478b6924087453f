// Malformed and oversized requests over HTTP: broken JSON, wrong shapes and types, impossible or
// unknown ticket numbers, over-long text, bodies past the size limit, deep nesting. Each is refused
// with a code and a message a client can act on, in JSON, and leaves no trace; the server keeps
// serving afterwards.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { MAX_BODY_BYTES } from '../../src/api/app.js';
import { MAX_BODY_LENGTH } from '../../workflows/ticket/model.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { callApi, type ApiAnswer, type CallOptions } from '../helpers/http-api.js';
import { footprint } from './helpers/footprint.js';

let api: TestApi;
let requesterCookie: string;
let agentCookie: string;
let requesterId: string;
let number: number;

const cookieOf = (client: { cookies: Map<string, string> }) => `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}`;

beforeAll(async () => {
  api = await startApi();
  const requester = await api.signedIn({ label: 'requester' });
  const agent = await api.signedIn({ role: 'agent', label: 'agent' });
  requesterCookie = cookieOf(requester.api);
  agentCookie = cookieOf(agent.api);
  requesterId = requester.user.id;
  const created = await callApi(api.url, 'tickets.create', validTicket(), { cookie: requesterCookie });
  expect(created.status).toBe(200);
  number = (created.data as { number: number }).number;
});
afterAll(async () => api?.close());

function validTicket() {
  return { type: 'hardware_issue', subject: 'Dock 3 jammed', description: 'Bikes do not release at dock 3.', requestId: randomUUID() };
}

/** Sends a request that must be refused, and checks it changed nothing. */
async function refused(path: string, input: unknown, options: CallOptions = {}): Promise<ApiAnswer> {
  const before = await footprint(api.stack.db, requesterId, number);
  const answer = await callApi(api.url, path, input, { cookie: agentCookie, ...options });
  expect(answer.status, `${path} ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
  expect(answer.status).toBeLessThan(500);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.error?.message.length).toBeGreaterThan(5);
  expect(await footprint(api.stack.db, requesterId, number)).toEqual(before);
  return answer;
}

describe('malformed payloads', () => {
  it('broken JSON and bodies that are not an object are BAD_REQUEST or PARSE_ERROR', async () => {
    for (const rawBody of ['{"type": "software_issue", "subject": ', '{subject: unquoted}', '']) {
      const answer = await refused('tickets.create', undefined, { rawBody, cookie: requesterCookie });
      expect(answer.status).toBe(400);
      expect(['PARSE_ERROR', 'BAD_REQUEST']).toContain(answer.error?.code);
      expect(answer.error?.message, answer.text).toMatch(/JSON|parse|input/i);
    }
    for (const rawBody of ['"a string"', '[1, 2, 3]', 'null', '42']) {
      const answer = await refused('tickets.create', undefined, { rawBody, cookie: requesterCookie });
      expect(answer.status).toBe(400);
      expect(answer.error?.code).toBe('BAD_REQUEST');
    }
  });

  it('wrong types name every field at fault', async () => {
    const answer = await refused(
      'tickets.create',
      { type: 'urgent', subject: 123, description: ['not', 'text'], ccEmails: 'someone@example.test', requestId: 5 },
      { cookie: requesterCookie },
    );
    expect(answer.error?.code).toBe('BAD_REQUEST');
    expect(Object.keys(answer.error?.fieldErrors ?? {}).sort()).toEqual(['ccEmails', 'description', 'requestId', 'subject', 'type']);
    const blank = await refused('tickets.create', { ...validTicket(), subject: '   ' }, { cookie: requesterCookie });
    expect(blank.error?.fieldErrors?.subject).toEqual(['A subject is required.']);
    const markupAddress = await refused('tickets.create', { ...validTicket(), ccEmails: ['"<script>"@evil.example'] }, { cookie: requesterCookie });
    expect(markupAddress.error?.code).toBe('BAD_REQUEST');
    const tooMany = Array.from({ length: 21 }, (_, i) => `cc${i}@example.test`);
    expect((await refused('tickets.create', { ...validTicket(), ccEmails: tooMany }, { cookie: requesterCookie })).error?.code).toBe('BAD_REQUEST');
    expect((await refused('tickets.reply', { number, body: 'hi', internal: 'yes' })).error?.fieldErrors).toHaveProperty('internal');
    expect((await refused('tickets.reply', { number, body: 'hi', status: 'closed' })).error?.fieldErrors).toHaveProperty('status');
  });

  it('impossible ticket numbers are BAD_REQUEST; unknown ones NOT_FOUND, for reads and changes alike', async () => {
    for (const bad of [-1, 0, 1.5, 1e300, 2 ** 53, '12', null, { $gt: 0 }, [number]]) {
      for (const [path, input, method] of [
        ['tickets.get', { number: bad }, 'GET'],
        ['tickets.reply', { number: bad, body: 'hello' }, 'POST'],
        ['tickets.solve', { number: bad }, 'POST'],
      ] as const) {
        const answer = await refused(path, input, { method });
        expect(answer.status, `${path} ${JSON.stringify(bad)}`).toBe(400);
        expect(answer.error?.fieldErrors).toHaveProperty('number');
      }
    }
    for (const unknown of [999_999_999, Number.MAX_SAFE_INTEGER]) {
      expect((await refused('tickets.get', { number: unknown }, { method: 'GET' })).status).toBe(404);
      const reply = await refused('tickets.reply', { number: unknown, body: 'hello' });
      expect(reply.error?.code).toBe('NOT_FOUND');
      expect(reply.error?.message).toContain(`#${unknown}`);
    }
    // A JSON number too large for a double parses as Infinity: never a ticket.
    expect((await refused('tickets.reply', undefined, { rawBody: '{"number": 1e400, "body": "hello"}' })).error?.fieldErrors).toHaveProperty('number');
  });

  it('an unknown procedure is NOT_FOUND', async () => {
    const answer = await refused('tickets.delete', { number });
    expect(answer.status).toBe(404);
    expect(answer.error?.code).toBe('NOT_FOUND');
  });

  it(`text over its limit is BAD_REQUEST; a body over ${MAX_BODY_BYTES} bytes is PAYLOAD_TOO_LARGE, however large`, async () => {
    const long = await refused('tickets.reply', { number, body: 'x'.repeat(MAX_BODY_LENGTH + 1) });
    expect(long.error?.code).toBe('BAD_REQUEST');
    expect(long.error?.fieldErrors).toHaveProperty('body');
    for (const size of [MAX_BODY_BYTES + 1, 5_000_000]) {
      const answer = await refused('tickets.create', { ...validTicket(), description: 'y'.repeat(size) }, { cookie: requesterCookie });
      expect(answer.status).toBe(413);
      expect(answer.error?.code).toBe('PAYLOAD_TOO_LARGE');
      expect(answer.error?.message, answer.text).toMatch(/too large|limit/i);
    }
  });

  it('deeply nested JSON is refused and the server keeps serving', async () => {
    const depth = 40_000;
    const nested = `{"type":"software_issue","subject":"s","description":${'['.repeat(depth)}${']'.repeat(depth)},"requestId":"${randomUUID()}"}`;
    expect(nested.length).toBeLessThan(MAX_BODY_BYTES);
    expect((await refused('tickets.create', undefined, { rawBody: nested, cookie: requesterCookie })).status).toBe(400);
    const after = await callApi(api.url, 'tickets.get', { number }, { method: 'GET', cookie: requesterCookie });
    expect(after.status).toBe(200);
  });
});
