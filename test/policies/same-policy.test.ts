// Every door reads the policies from Postgres: on a fresh install the first process's POLICY_* seed
// version 1, and from then on the API and `npm run tickets -- create` give a new ticket the same
// durations, the current versions, whatever their own environment says.
import { randomUUID } from 'node:crypto';
import { NativeConnection, type Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { ensureUser, personOf } from '../../src/accounts/users.js';
import type { Database } from '../../src/db/client.js';
import { readConfig } from '../../src/env.js';
import { lifecycleHistory, saveLifecycleDurations, slaHistory } from '../../src/policies/store.js';
import { connectServices, type Services } from '../../src/runtime/services.js';
import { createTicketWorker } from '../../src/temporal/ticket-worker.js';
import { DEFAULT_POLICY, DEFAULT_SATISFACTION } from '../../workflows/ticket/model.js';
import { freshDatabase } from '../helpers/fresh-database.js';
import { launch } from '../helpers/launch.js';
import { installQuietRuntime, suiteKeys } from '../helpers/stack.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const taskQueue = `same-policy-${randomUUID()}`;
let databaseUrl: string;
let db: Database;
let nativeConnection: NativeConnection;
let worker: Worker;
let running: Promise<void>;
let server: Services;

beforeAll(async () => {
  installQuietRuntime();
  // A database of its own: a fresh install, with no policy yet.
  ({ url: databaseUrl, db } = await freshDatabase('policies', { firstTicketNumberAbove: 2_000_000_000 }));
  nativeConnection = await NativeConnection.connect({ address: inject('temporalAddress') });
  worker = await createTicketWorker({ connection: nativeConnection, namespace: 'default', taskQueue, db, payloadKeys: suiteKeys(), workflowBundlePath: inject('workflowBundlePath') });
  running = worker.run();
  // The API, as `npm run server` builds it, with POLICY_* of its own.
  const config = readConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', TEMPORAL_TASK_QUEUE: taskQueue, POLICY_FIRST_REPLY_SOFTWARE: '2h', POLICY_PENDING_REMINDER: '2d', POLICY_PENDING_AUTO_CLOSE: '7d' });
  server = await connectServices(config, { databaseUrl, temporalAddress: inject('temporalAddress'), payloadKeys: suiteKeys() });
});

afterAll(async () => {
  await server?.close();
  worker?.shutdown();
  await running;
  await nativeConnection?.close();
  await db?.close();
});

it('gives tickets from the API and from the CLI the versions in Postgres, not their own POLICY_*', { timeout: 120_000 }, async () => {
  const requester = personOf(await ensureUser(db, `same-policy-${randomUUID().slice(0, 8)}@example.test`));
  const ticket = { type: 'software_issue' as const, subject: 'Till printer offline', description: 'Since this morning.', requester, organizationId: null, ccs: [], followUpOf: null };

  // The first ticket of a fresh install: its process's POLICY_* become version 1.
  const first = await server.desk.create({ ...ticket, requestId: randomUUID() });
  expect(first.state?.policy).toEqual({ ...DEFAULT_POLICY, satisfaction: DEFAULT_SATISFACTION, pendingReminderMs: 2 * DAY, pendingAutoCloseMs: 7 * DAY, firstReplyTargetMs: { ...DEFAULT_POLICY.firstReplyTargetMs, software_issue: 2 * HOUR } });

  // An admin changes the lifecycle durations: version 2.
  const lifecycle = { pendingReminderMs: 1 * DAY, pendingAutoCloseMs: 3 * DAY, solvedAutoCloseMs: 2 * DAY };
  await saveLifecycleDurations(db, { basedOn: 1, ...lifecycle }, 'an-admin');
  const current = { ...lifecycle, satisfaction: DEFAULT_SATISFACTION, firstReplyTargetMs: { ...DEFAULT_POLICY.firstReplyTargetMs, software_issue: 2 * HOUR } };

  // The CLI, with quite other POLICY_*, as someone would run it on another machine.
  const cli = await launch({
    script: 'src/cli/tickets.ts',
    args: ['create', '--email', requester.email, '--type', 'software_issue', '--subject', 'Card reader rejects cards', '--description', 'Every card, shop 3.'],
    env: {
      NODE_ENV: 'test',
      DATABASE_URL: databaseUrl,
      TEMPORAL_ADDRESS: inject('temporalAddress'),
      TEMPORAL_TASK_QUEUE: taskQueue,
      PAYLOAD_KEYS: inject('payloadKeys'),
      POLICY_FIRST_REPLY_SOFTWARE: '5m',
      POLICY_PENDING_REMINDER: '1h',
      POLICY_PENDING_AUTO_CLOSE: '2h',
      POLICY_SOLVED_AUTO_CLOSE: '3h',
    },
  });
  expect(await cli.exited, cli.output()).toBe(0);
  const number = Number(/Ticket #(\d+) created/.exec(cli.output())?.[1]);
  expect((await server.desk.state(number)).policy).toEqual(current);

  // And the API again: the same durations as the CLI's ticket.
  const second = await server.desk.create({ ...ticket, requestId: randomUUID() });
  expect(second.state?.policy).toEqual(current);

  // The CLI's environment seeded nothing: the install had its versions already.
  expect((await slaHistory(db)).map((v) => v.version)).toEqual([1]);
  expect((await lifecycleHistory(db)).map((v) => v.version)).toEqual([2, 1]);
});
