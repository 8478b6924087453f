// The API's guards: rate limits per account and per address, the cross-site request guard, the
// session cookie's attributes, and bounded failures when Temporal or Postgres is away.
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { Client, Connection } from '@temporalio/client';
import { createTRPCClient, httpLink } from '@trpc/client';
import { count, eq } from 'drizzle-orm';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/api/app.js';
import type { AppRouter } from '../../src/api/router.js';
import { createDatabase, localPostgresUrl } from '../../src/db/client.js';
import { accountTokens, tickets } from '../../src/db/schema.js';
import { freePort } from '../../src/net.js';
import { TicketDesk } from '../../src/tickets/desk.js';
import { errorCode, failure, requestId, startApi, TEST_PASSWORD, type TestApi } from '../helpers/api.js';
import { SLOW_POLICY } from '../helpers/stack.js';

let api: TestApi;
const LIMITS = {
  signInPerAccount: { max: 3, windowMs: 60_000 },
  signInPerAddress: { max: 5, windowMs: 60_000 },
  linksPerAccount: { max: 2, windowMs: 60_000 },
  linksPerAddress: { max: 4, windowMs: 60_000 },
};

beforeAll(async () => {
  api = await startApi({ limits: LIMITS });
});
afterAll(async () => api?.close());

/** A client address of its own (documentation range, never contacted: it only travels in X-Forwarded-For). */
const address = () => `2001:db8::${randomBytes(2).toString('hex')}:${randomBytes(2).toString('hex')}`;
const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

describe('rate limits', () => {
  it('sign-in: failures per account lock that account out from every address, and only it', async () => {
    const { user } = await api.signedIn();
    const { user: other } = await api.signedIn();
    const from = api.client({ address: address() });
    for (let i = 0; i < LIMITS.signInPerAccount.max; i++) {
      expect(await errorCode(from.auth.signIn.mutate({ email: user.email, password: `wrong guess ${i}` }))).toBe('UNAUTHORIZED');
    }
    const limited = await failure(from.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD }));
    expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
    expect(limited.data?.httpStatus).toBe(429);
    expect(await errorCode(api.client({ address: address() }).auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD }))).toBe('TOO_MANY_REQUESTS');
    await from.auth.signIn.mutate({ email: other.email, password: TEST_PASSWORD });
    expect((await from.auth.me.query())?.id).toBe(other.id);
  });

  it('sign-in: failures per address lock that address out, whatever the account', async () => {
    const { user } = await api.signedIn();
    const from = api.client({ address: address() });
    for (let i = 0; i < LIMITS.signInPerAddress.max; i++) {
      expect(await errorCode(from.auth.signIn.mutate({ email: email('guess'), password: 'wrong password' }))).toBe('UNAUTHORIZED');
    }
    expect(await errorCode(from.auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD }))).toBe('TOO_MANY_REQUESTS');
    await api.client({ address: address() }).auth.signIn.mutate({ email: user.email, password: TEST_PASSWORD });
  });

  it('link requests: per address and per account, the same for addresses with and without accounts', async () => {
    const { user } = await api.signedIn();
    const stranger = email('stranger');
    for (const target of [user.email, stranger]) {
      const from = api.client({ address: address() });
      for (let i = 0; i < LIMITS.linksPerAccount.max; i++) expect((await from.auth.requestPasswordReset.mutate({ email: target })).ok).toBe(true);
      const limited = await failure(api.client({ address: address() }).auth.requestAccess.mutate({ email: target }));
      expect(limited.data?.code).toBe('TOO_MANY_REQUESTS');
    }
    const from = api.client({ address: address() });
    for (let i = 0; i < LIMITS.linksPerAddress.max; i++) await from.auth.requestAccess.mutate({ email: email('spray') });
    const target = email('one-more');
    expect(await errorCode(from.auth.requestAccess.mutate({ email: target }))).toBe('TOO_MANY_REQUESTS');
    expect(await api.stack.db.select().from(accountTokens).where(eq(accountTokens.email, target))).toHaveLength(0);
  });
});

describe('cross-site requests and cookies', () => {
  it('refuses mutations from another origin or not sent as JSON, and does nothing', async () => {
    const target = email('csrf');
    const evil = await failure(api.client({ origin: 'https://evil.example' }).auth.requestAccess.mutate({ email: target }));
    expect(evil.data?.code).toBe('FORBIDDEN');
    const form = await fetch(`${api.url}/trpc/auth.requestAccess`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ email: target }),
    });
    expect(form.status).toBe(415);
    const viaGet = await fetch(`${api.url}/trpc/auth.requestAccess?input=${encodeURIComponent(JSON.stringify({ email: target }))}`);
    expect(viaGet.status).toBe(405);
    expect(await api.stack.db.select().from(accountTokens).where(eq(accountTokens.email, target))).toHaveLength(0);
    // The portal's own origin is welcome.
    await api.client({ origin: api.url }).auth.requestAccess.mutate({ email: target });
    expect(await api.stack.db.select().from(accountTokens).where(eq(accountTokens.email, target))).toHaveLength(1);
  });

  it('the session cookie is httpOnly and SameSite=Lax', async () => {
    const { user } = await api.signedIn();
    const response = await fetch(`${api.url}/trpc/auth.signIn`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: user.email, password: TEST_PASSWORD }),
    });
    const cookie = response.headers.getSetCookie()[0];
    expect(cookie).toMatch(/^support_desk_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });
});

async function serve(app: ReturnType<typeof createApp>): Promise<{ url: string; server: Server }> {
  const port = await freePort();
  const server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, server };
}

const close = (server: Server) => new Promise<void>((resolve) => {
  server.closeAllConnections();
  server.close(() => resolve());
});

describe('bounded failures', () => {
  it('with Temporal unreachable, calls fail within the deadline with SERVICE_UNAVAILABLE and leave nothing behind', async () => {
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    const temporal = new Client({ connection });
    const desk = new TicketDesk({ client: temporal, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: SLOW_POLICY, timeoutMs: 1_500 });
    const app = createApp({ config: api.config, db: api.stack.db, desk, logger: pino({ level: 'silent' }), webClient: false });
    const { url, server } = await serve(app);
    try {
      const { api: healthy, user } = await api.signedIn();
      const { number } = await healthy.tickets.create.mutate({ type: 'software_issue', subject: 'Before', description: 'Works', requestId: requestId() });
      const [before] = await api.stack.db.select().from(tickets).where(eq(tickets.number, number));

      const cut = createTRPCClient<AppRouter>({
        links: [httpLink({ url: `${url}/trpc`, headers: { cookie: [...healthy.cookies].map(([k, v]) => `${k}=${v}`).join('; ') } })],
      });
      let started = Date.now();
      const create = await failure(cut.tickets.create.mutate({ type: 'critical', subject: 'During', description: 'Down', requestId: requestId() }));
      expect(create.data?.code).toBe('SERVICE_UNAVAILABLE');
      expect(create.message).toMatch(/not reachable/);
      expect(Date.now() - started).toBeLessThan(6_000);
      started = Date.now();
      expect(await errorCode(cut.tickets.reply.mutate({ number, body: 'anyone?' }))).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(6_000);

      const [after] = await api.stack.db.select().from(tickets).where(eq(tickets.number, number));
      expect(after).toEqual(before);
      expect((await api.stack.db.select({ n: count() }).from(tickets).where(eq(tickets.requesterId, user.id)))[0].n).toBe(1);
      // Reads come from Postgres and still work.
      expect((await cut.tickets.get.query({ number })).ticket.subject).toBe('Before');
    } finally {
      await close(server);
      await connection.close();
    }
  });

  it('with no worker running, a reply fails within the deadline; retried with its request id once the worker is back, it lands once', async () => {
    const desk = new TicketDesk({ client: api.stack.client, db: api.stack.db, taskQueue: api.stack.taskQueue, policy: SLOW_POLICY, timeoutMs: 1_500 });
    const app = createApp({ config: api.config, db: api.stack.db, desk, logger: pino({ level: 'silent' }), webClient: false });
    const { url, server } = await serve(app);
    try {
      const { api: healthy } = await api.signedIn();
      const { number } = await healthy.tickets.create.mutate({ type: 'software_issue', subject: 'Worker away', description: 'Still here', requestId: requestId() });
      const cookie = [...healthy.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const short = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { cookie } })] });
      await api.stack.stopWorker();
      const reply = { number, body: 'Are you there?', requestId: requestId() };
      const started = Date.now();
      expect(await errorCode(short.tickets.reply.mutate(reply))).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(6_000);
      await api.stack.startWorker();
      await healthy.tickets.reply.mutate(reply);
      const seen = await healthy.tickets.get.query({ number });
      expect(seen.conversation.filter((c) => c.body === 'Are you there?')).toHaveLength(1);
    } finally {
      await close(server);
    }
  });

  it('with Postgres unreachable, calls fail quickly with SERVICE_UNAVAILABLE', async () => {
    const db = createDatabase(localPostgresUrl(await freePort(), 'nowhere'), { max: 1 });
    const app = createApp({ config: api.config, db, desk: api.stack.desk, logger: pino({ level: 'silent' }), webClient: false });
    const { url, server } = await serve(app);
    try {
      const client = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, headers: { cookie: 'support_desk_session=abcdefghijklmnopqrstuvwxyz0123456789abcdefg' } })] });
      const started = Date.now();
      const signIn = await failure(client.auth.signIn.mutate({ email: email('x'), password: 'whatever password' }));
      expect(signIn.data?.code).toBe('SERVICE_UNAVAILABLE');
      expect(signIn.message).toMatch(/database is not reachable/);
      expect(await errorCode(client.auth.me.query())).toBe('SERVICE_UNAVAILABLE');
      expect(await errorCode(client.tickets.list.query({ view: 'mine' }))).toBe('SERVICE_UNAVAILABLE');
      expect(Date.now() - started).toBeLessThan(12_000);
    } finally {
      await close(server);
      await db.close();
    }
  });
});
