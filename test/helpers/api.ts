// A real API server for a test file: createApp on a free port over the file's own stack (real
// Postgres, real Temporal and worker), and tRPC clients that keep their own session cookie.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { eq } from 'drizzle-orm';
import { pino } from 'pino';
import { expect } from 'vitest';
import { hashPassword } from '../../src/accounts/passwords.js';
import type { RateLimits } from '../../src/accounts/rate-limit.js';
import { addMembership, createUser, findOrCreateOrganization } from '../../src/accounts/users.js';
import { createApp } from '../../src/api/app.js';
import type { AppRouter } from '../../src/api/router.js';
import { users, type UserRole } from '../../src/db/schema.js';
import { readConfig, type Config } from '../../src/env.js';
import { freePort } from '../../src/net.js';
import { startStack, type Stack } from './stack.js';
import type { PayloadKey } from '../../src/temporal/payload-keys.js';
import type { TicketPolicy } from '../../workflows/ticket/model.js';

export interface TestApi {
  stack: Stack;
  config: Config;
  url: string;
  client(options?: { address?: string; origin?: string }): ApiClient;
  /** A user made directly in the database, then signed in through the API. */
  signedIn(options?: { role?: UserRole; org?: string; label?: string }): Promise<{ api: ApiClient; user: typeof users.$inferSelect; password: string }>;
  close(): Promise<void>;
}

export type ApiClient = ReturnType<typeof makeClient>;

/** Generous, so that tests which are not about rate limits never meet one. */
export const ROOMY_LIMITS: RateLimits = {
  signInPerAccount: { max: 1000, windowMs: 60_000 },
  signInPerAddress: { max: 1000, windowMs: 60_000 },
  linksPerAccount: { max: 1000, windowMs: 60_000 },
  linksPerAddress: { max: 1000, windowMs: 60_000 },
};

export const TEST_PASSWORD = 'correct horse battery staple';

// scrypt is slow on purpose; one hash of the test password serves every test user.
let testPasswordHash: Promise<string> | null = null;

function makeClient(url: string, options: { address?: string; origin?: string } = {}) {
  const jar = new Map<string, string>();
  const fetchWithCookies: typeof fetch = async (input, init) => {
    const headers = new Headers(init?.headers);
    if (jar.size > 0) headers.set('cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
    if (options.address) headers.set('x-forwarded-for', options.address);
    if (options.origin) headers.set('origin', options.origin);
    const response = await fetch(input, { ...init, headers });
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(';');
      const [name, value] = pair.split('=');
      const expired = attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a)) || value === '';
      if (expired) jar.delete(name.trim());
      else jar.set(name.trim(), value);
    }
    return response;
  };
  const trpc = createTRPCClient<AppRouter>({ links: [httpLink({ url: `${url}/trpc`, fetch: fetchWithCookies })] });
  // The tRPC client is itself a proxy, so the jar is exposed through one more.
  return new Proxy(trpc, { get: (target, key) => (key === 'cookies' ? jar : Reflect.get(target, key)) }) as typeof trpc & { cookies: Map<string, string> };
}

export async function startApi(
  options: {
    policy?: TicketPolicy;
    smtpUrl?: string;
    limits?: Partial<RateLimits>;
    /** serve /codec with these */
    payloadKeys?: PayloadKey[];
    temporalUiUpstream?: string;
    /** More settings, as src/env.ts reads them. */
    settings?: Record<string, string>;
    /** Tickets pin the SLA in force in the database, as the product's do (unset: none). */
    pinSla?: boolean;
    /** Another database than the suite's (test/helpers/fresh-database.ts). */
    databaseUrl?: string;
  } = {},
): Promise<TestApi> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const config = readConfig({
    NODE_ENV: 'test',
    PUBLIC_URL: url,
    TRUST_PROXY: 'true',
    LOG_LEVEL: 'silent',
    ...(options.smtpUrl ? { SMTP_URL: options.smtpUrl } : {}),
    ...(options.temporalUiUpstream ? { TEMPORAL_UI_UPSTREAM: options.temporalUiUpstream } : {}),
    ...options.settings,
  });
  // The desk pins what the settings say of pages, as the product's does (src/runtime/services.ts).
  const stack = await startStack({ policy: options.policy, databaseUrl: options.databaseUrl, onCallPage: config.onCallPage, ...(options.pinSla ? { sla: 'current' as const } : {}) });
  const app = createApp({
    config,
    db: stack.db,
    desk: stack.desk,
    logger: pino({ level: 'silent' }),
    limits: { ...ROOMY_LIMITS, ...options.limits },
    payloadKeys: options.payloadKeys,
    webClient: false,
  });
  const server: Server = createServer(app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  // Rate limits count per client address in the shared database: each test API gets an address of
  // its own (documentation range, only ever sent as X-Forwarded-For), so files never share a budget.
  const ownAddress = `2001:db8:${randomUUID().slice(0, 4)}:${randomUUID().slice(0, 4)}::1`;
  const api: TestApi = {
    stack,
    config,
    url,
    client: (clientOptions) => makeClient(url, { address: ownAddress, ...clientOptions }),
    async signedIn({ role = 'requester', org, label = role } = {}) {
      const email = `${label}-${randomUUID().slice(0, 8)}@example.test`;
      let user = await createUser(stack.db, { email, role, name: label });
      [user] = await stack.db.update(users).set({ passwordHash: await (testPasswordHash ??= hashPassword(TEST_PASSWORD)) }).where(eq(users.id, user.id)).returning();
      if (org) await addMembership(stack.db, user.id, (await findOrCreateOrganization(stack.db, org)).id);
      const client = makeClient(url, { address: ownAddress });
      await client.auth.signIn.mutate({ email, password: TEST_PASSWORD });
      return { api: client, user, password: TEST_PASSWORD };
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stack.close();
    },
  };
  return api;
}

/** The tRPC error code a call failed with (and fails the test if it succeeded). */
export async function errorCode(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCClientError);
    return (error as TRPCClientError<AppRouter>).data?.code ?? 'UNKNOWN';
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** The whole error, for assertions on its message or field errors. */
export async function failure(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    expect(error).toBeInstanceOf(TRPCClientError);
    return error as TRPCClientError<AppRouter>;
  }
  throw new Error('expected the call to fail, but it succeeded');
}

export const requestId = () => randomUUID();
