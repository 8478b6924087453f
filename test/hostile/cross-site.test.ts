// Another site making a signed-in person's browser post to the desk: HTML forms (urlencoded,
// multipart, text/plain holding JSON), a sandboxed frame (Origin: null), a plain GET from an <img>,
// and a scripted JSON post. Each is refused, changes nothing, and the same request from the portal
// itself goes through, so it is the origin that was refused and nothing else.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SESSION_COOKIE } from '../../src/accounts/sessions.js';
import { startApi, type TestApi } from '../helpers/api.js';
import { callApi, type ApiAnswer } from '../helpers/http-api.js';
import { footprint } from './helpers/footprint.js';

const EVIL = 'https://evil.example';
let api: TestApi;
let cookie: string;
let requesterId: string;
let number: number;

beforeAll(async () => {
  api = await startApi();
  const { api: client, user } = await api.signedIn({ label: 'victim' });
  cookie = `${SESSION_COOKIE}=${client.cookies.get(SESSION_COOKIE)}`;
  requesterId = user.id;
  const created = await callApi(api.url, 'tickets.create', { type: 'software_issue', subject: 'Till offline', description: 'The till at the shop is offline.', requestId: randomUUID() }, { cookie });
  expect(created.status).toBe(200);
  number = (created.data as { number: number }).number;
});
afterAll(async () => api?.close());

const replyJson = () => JSON.stringify({ number, body: 'Posted from another site', requestId: randomUUID() });

/** A POST as a browser would send it, with the victim's cookie attached. */
const post = (path: string, body: string, headers: Record<string, string>) => callApi(api.url, path, undefined, { cookie, rawBody: body, headers });

function expectRefused(answer: ApiAnswer, status: number): void {
  expect(answer.status).toBe(status);
  expect(answer.contentType).toMatch(/^application\/json/);
  expect(answer.error?.message).toMatch(status === 403 ? /another site/ : /JSON/);
  expect(answer.setCookies).toEqual([]);
}

describe('cross-site requests', () => {
  it('refuses HTML form posts from another site, whatever their encoding, and changes nothing', async () => {
    const before = await footprint(api.stack.db, requesterId, number);
    const form = new URLSearchParams({ type: 'software_issue', subject: 'csrf', description: 'csrf', requestId: randomUUID() }).toString();
    expectRefused(await post('tickets.create', form, { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' }), 403);
    expectRefused(await post('tickets.reply', replyJson(), { origin: EVIL, 'content-type': 'text/plain' }), 403);
    const boundary = '----csrf';
    const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="body"\r\n\r\n${replyJson()}\r\n--${boundary}--\r\n`;
    expectRefused(await post('tickets.reply', multipart, { origin: EVIL, 'content-type': `multipart/form-data; boundary=${boundary}` }), 403);
    // A sandboxed frame or a data: page sends "Origin: null".
    expectRefused(await post('tickets.solve', JSON.stringify({ number }), { origin: 'null', 'content-type': 'text/plain' }), 403);
    // A browser that sends no Origin still says where the request comes from…
    expectRefused(await post('tickets.reply', replyJson(), { 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' }), 403);
    // …and with neither, a form still cannot send JSON.
    expectRefused(await post('tickets.reply', replyJson(), { 'content-type': 'text/plain' }), 415);
    // A script on another site may send JSON; the origin is what gives it away.
    expectRefused(await post('tickets.reply', replyJson(), { origin: EVIL, 'content-type': 'application/json' }), 403);
    expect(await footprint(api.stack.db, requesterId, number)).toEqual(before);
  });

  it('refuses a sign-in posted from another site (login CSRF) and sets no cookie', async () => {
    const { user, password } = await api.signedIn({ label: 'login-csrf' });
    const form = new URLSearchParams({ email: user.email, password }).toString();
    expectRefused(await callApi(api.url, 'auth.signIn', undefined, { rawBody: form, headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' } }), 403);
    expectRefused(await callApi(api.url, 'auth.signIn', undefined, { rawBody: JSON.stringify({ email: user.email, password }), headers: { origin: EVIL } }), 403);
  });

  it('a mutation cannot be triggered by a GET (an <img> or a link)', async () => {
    const before = await footprint(api.stack.db, requesterId, number);
    const answer = await callApi(api.url, 'tickets.solve', { number }, { method: 'GET', cookie, headers: { 'sec-fetch-site': 'cross-site' } });
    expect(answer.status).toBe(405);
    expect(answer.error?.code).toBe('METHOD_NOT_SUPPORTED');
    expect(await footprint(api.stack.db, requesterId, number)).toEqual(before);
  });

  it('another site cannot read the API: no CORS grant, whatever it asks', async () => {
    const read = await callApi(api.url, 'tickets.get', { number }, { method: 'GET', cookie, headers: { origin: EVIL } });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
    expect(read.headers['access-control-allow-credentials']).toBeUndefined();
    const preflight = await fetch(`${api.url}/trpc/tickets.reply`, {
      method: 'OPTIONS',
      headers: { origin: EVIL, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('the same requests from the portal itself go through', async () => {
    const before = await footprint(api.stack.db, requesterId, number);
    const own = await post('tickets.reply', replyJson(), { origin: api.url, 'content-type': 'application/json' });
    expect(own.status).toBe(200);
    const after = await footprint(api.stack.db, requesterId, number);
    expect(after.comments).toBe((before.comments as number) + 1);
  });
});
