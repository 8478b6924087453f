// The production shape, as `npm run cluster` runs it (src/cluster/): Postgres, the real Temporal
// server on it with SQL visibility, the Temporal UI, two workers and two API processes behind
// nginx. Tickets go in through the portal's one address and reach both API processes; ops find
// them in SQL visibility. One ticket's life: Pending; one worker killed with SIGKILL and its
// reminder timer fired by the other; an API process killed and the next calls served by the other;
// the other worker stopped and the first one, back, Solves it: both workers worked the ticket.
// Then what an auditor checks: Temporal's databases hold no ticket text in clear, and the
// Temporal UI is for Support Ops only.
import { readFileSync, rmSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type Database } from '../../src/db/client.js';
import type { RunningCluster } from '../../src/cluster/cluster.js';
import { TEMPORAL_DATABASES, withSql } from '../../src/cluster/postgres.js';
import { startScratchCluster } from '../../src/cluster/scratch.js';
import type { SupervisedProcess } from '../../src/cluster/supervisor.js';
import { ticketDataConverter } from '../../src/temporal/codec.js';
import { ticketWorkflowId } from '../../src/temporal/ids.js';
import { loadPayloadKeys } from '../../src/temporal/payload-keys.js';
import { callApi } from '../helpers/http-api.js';
import { eventually } from '../helpers/wait.js';
import { makeCast } from '../faults/people.js';
import type { Cast } from '../faults/journey.js';

const run = Date.now().toString(36);
const tickets = [0, 1, 2, 3].map((i) => ({
  subject: `Dock ${12 + i} at Gare de Lyon refuses every bike (${run})`,
  description: `The screen of dock ${12 + i} says "maintenance" and the lock never opens.`,
}));
const replies = { agent: `Which dock exactly? (${run})`, requester: `Dock 12, by the exit. (${run})` };

let cluster: RunningCluster;
let db: Database;
let connection: Connection;
let client: Client;
let cast: Cast;
const numbers: number[] = [];

const call = async (path: string, by: 'requester' | 'agent', input: Record<string, unknown>) => {
  const answer = await callApi(cluster.urls.portal, path, input, { cookie: cast[by].cookie, timeoutMs: 30_000 });
  expect(answer.status, `${path}: ${answer.text.slice(0, 300)}`).toBe(200);
  return answer.data as Record<string, unknown>;
};

const eventsOf = async (number: number) => (await db.sql<{ kind: string }[]>`select kind from ticket_events where ticket_number = ${number} order by seq`).map((e) => e.kind);

/** The workers that completed the ticket's workflow tasks, in order (the SDK's identity: pid@host). */
async function workersOf(number: number): Promise<string[]> {
  const { events } = await client.workflow.getHandle(ticketWorkflowId(number)).fetchHistory();
  return (events ?? []).flatMap((event) => (event.workflowTaskCompletedEventAttributes?.identity ? [event.workflowTaskCompletedEventAttributes.identity] : []));
}
const identityOf = (worker: SupervisedProcess) => `${worker.pid}@${hostname()}`;

beforeAll(async () => {
  cluster = await startScratchCluster({
    purpose: 'cluster-test',
    // A reminder a few seconds after Pending, so that it fires within the test.
    productSettings: { POLICY_PENDING_REMINDER: '6s', POLICY_PENDING_AUTO_CLOSE: '10m' },
  });
  db = createDatabase(cluster.urls.databaseUrl, { max: 2 });
  cast = (await makeCast(db, cluster.urls.portal, run, { requesters: 1, agents: 1 }))(0);
  connection = await Connection.connect({ address: cluster.urls.temporalAddress });
  client = new Client({ connection, namespace: 'default', dataConverter: ticketDataConverter(loadPayloadKeys({ PAYLOAD_KEYS_FILE: cluster.payloadKeysFile })) });
}, 300_000);

afterAll(async () => {
  await connection?.close();
  await db?.close();
  await cluster?.stop();
  if (cluster) rmSync(cluster.settings.dir, { recursive: true, force: true });
}, 120_000);

describe('the cluster (npm run cluster)', () => {
  it('takes tickets through nginx on both API processes, and ops find each one in SQL visibility', async () => {
    for (const [i, ticket] of tickets.entries()) {
      const created = await call('tickets.create', 'requester', { type: 'hardware_issue', ...ticket, requestId: `cluster-create-${run}-${i}` });
      numbers.push(created.number as number);
    }
    // nginx sends each request to the next API process in turn.
    const creations = readFileSync(join(cluster.logDir, 'nginx-access.log'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"POST /trpc/tickets.create'));
    expect(new Set(creations.map((line) => /upstream=(\S+)/.exec(line)?.[1]))).toEqual(new Set(cluster.ports.apis.map((port) => `127.0.0.1:${port}`)));

    // The ticket search attributes, registered by the workers, in Temporal's SQL visibility store.
    const [requester] = await db.sql<{ email: string }[]>`select email from users where id = ${cast.requester.id}`;
    const query = `Requester = "${requester.email}" AND TicketStatus = "open" AND ExecutionStatus = "Running"`;
    await eventually(async () => expect((await client.workflow.count(query)).count).toBe(tickets.length), { timeoutMs: 30_000 });
    const listed: string[] = [];
    for await (const workflow of client.workflow.list({ query })) listed.push(workflow.workflowId);
    expect(listed.sort()).toEqual(numbers.map(ticketWorkflowId).sort());
  }, 120_000);

  it('carries a ticket through a worker and an API killed mid-life, its timer fired by the other worker', async () => {
    const [number] = numbers;
    await call('tickets.reply', 'agent', { number, body: replies.agent, status: 'pending', requestId: `cluster-pending-${run}` });

    // The reminder is due in 6 s: kill -9 one worker now, and keep it down until the timer fired.
    const [first, second] = cluster.workers;
    await first.kill9();
    await first.stop();
    await eventually(async () => expect(await eventsOf(number)).toContain('pending_reminder_sent'), { timeoutMs: 60_000 });
    // The timer's workflow task, on the survivor.
    expect((await workersOf(number)).at(-1)).toBe(identityOf(second));
    await first.start();

    // An API process killed: nginx sends the next calls to the other one.
    await cluster.apis[0].kill9();
    await call('tickets.reply', 'requester', { number, body: replies.requester, requestId: `cluster-reply-${run}` });

    // The other worker stopped, as in a rolling deploy: the first one, back, takes the ticket on.
    await second.stop();
    await call('tickets.solve', 'agent', { number, requestId: `cluster-solve-${run}` });
    expect((await workersOf(number)).at(-1)).toBe(identityOf(first));
    await Promise.all([second.start(), cluster.apis[0].untilUp()]);

    const [row] = await db.sql<{ status: string }[]>`select status from tickets where number = ${number}`;
    expect(row.status).toBe('solved');
    expect(await eventsOf(number)).toEqual(['created', 'commented', 'status_changed', 'pending_reminder_sent', 'commented', 'status_changed', 'status_changed']);
  }, 180_000);

  it('keeps ticket text out of Temporal: its databases hold it encrypted, its search attributes in clear', async () => {
    // Every text, JSON and binary column of both of Temporal's databases, read as stored.
    const rowsHolding = async (needle: string) => {
      const found: string[] = [];
      for (const database of Object.values(TEMPORAL_DATABASES)) {
        await withSql(cluster.postgres, database, async (sql) => {
          const columns = await sql<{ table: string; column: string; type: string }[]>`
            select table_name as table, column_name as column, data_type as type from information_schema.columns
            where table_schema = 'public' and data_type in ('bytea', 'text', 'character varying', 'jsonb')`;
          for (const { table, column, type } of columns) {
            const holds = type === 'bytea' ? sql`position(convert_to(${needle}, 'UTF8') in ${sql(column)}) > 0` : sql`strpos(${sql(column)}::text, ${needle}) > 0`;
            const [{ n }] = await sql<{ n: number }[]>`select count(*)::int as n from ${sql(table)} where ${holds}`;
            if (n > 0) found.push(`${database}.${table}.${column}`);
          }
        });
      }
      return found;
    };
    for (const text of [...tickets.flatMap((t) => [t.subject, t.description]), replies.agent, replies.requester]) {
      expect(await rowsHolding(text), text).toEqual([]);
    }
    // What ops query by stays readable: the requester's address is a search attribute.
    const [requester] = await db.sql<{ email: string }[]>`select email from users where id = ${cast.requester.id}`;
    expect(await rowsHolding(requester.email)).toContain(`${TEMPORAL_DATABASES.visibility}.executions_visibility.search_attributes`);
    // And the ticket is all there, for whoever holds the key.
    const state = await client.workflow.getHandle(ticketWorkflowId(numbers[1])).query<{ subject: string }>('state');
    expect(state.subject).toBe(tickets[1].subject);
  }, 120_000);

  it('serves the Temporal UI at /temporal to Support Ops only', async () => {
    const ui = (cookie?: string) => fetch(`${cluster.urls.portal}/temporal/`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
    const anonymous = await ui();
    expect(anonymous.status).toBe(302);
    expect(anonymous.headers.get('location')).toMatch(/\/sign-in\?next=\/temporal\/$/);
    expect((await ui(cast.requester.cookie)).status).toBe(302);
    const agent = await ui(cast.agent.cookie);
    expect(agent.status).toBe(200);
    expect(await agent.text()).toContain('<!doctype html>');
  });
});
