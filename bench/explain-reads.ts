// `npx tsx bench/explain-reads.ts [rows]`: the Postgres plans (EXPLAIN ANALYZE) of the queries
// behind the read benchmark, on a fresh embedded Postgres seeded as the bench seeds it (100,000
// rows, or as many as given: 1000000 for the --large reads).
// The queries are captured from the API's own list and access code, not written out again here.
// Each list runs two queries, its rows and its bounded count; a table at the end sets their
// execution times side by side.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { addMembership, createUser, findOrCreateOrganization } from '../src/accounts/users.js';
import { listInput, listTickets } from '../src/api/ticket-list.js';
import { visibleTicket } from '../src/tickets/access.js';
import type { Database } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import * as schema from '../src/db/schema.js';
import { freePort } from '../src/net.js';
import { SEEDED_NUMBER_BASE } from './harness/context.js';
import { seedProjection } from './phases/seed.js';

const rows = Number(process.argv[2] ?? 100_000);
if (!Number.isInteger(rows) || rows < 1) throw new Error('Usage: npx tsx bench/explain-reads.ts [rows]');
const dir = mkdtempSync(join(tmpdir(), 'support-desk-explain-'));
const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg'), port: await freePort() });
try {
  await runMigrations(pg.url);
  const client = postgres(pg.url, { max: 2, onnotice: () => {} });
  const captured: Array<{ query: string; params: unknown[] }> = [];
  const db = Object.assign(drizzle(client, { schema, logger: { logQuery: (query, params) => captured.push({ query, params }) } }), {
    sql: client,
    close: () => client.end(),
  }) as unknown as Database;

  const organization = await findOrCreateOrganization(db, 'Bench Bikes');
  const requester = await createUser(db, { email: 'requester@bench.test' });
  await addMembership(db, requester.id, organization.id);
  const agent = await createUser(db, { email: 'agent@bench.test', role: 'agent' });
  // An organization without a ticket: a plan that guesses at the organization's size reads the
  // whole table in page order for it.
  const newcomer = await createUser(db, { email: 'newcomer@bench.test' });
  await addMembership(db, newcomer.id, (await findOrCreateOrganization(db, 'New Bikes')).id);
  await seedProjection(db, rows, { requesterId: requester.id, requesterEmail: requester.email, organizationId: organization.id });

  const reads: Array<[string, () => Promise<unknown>]> = [
    ['list mine', () => listTickets(db, requester, listInput.parse({ view: 'mine' }))],
    ['list mine, open', () => listTickets(db, requester, listInput.parse({ view: 'mine', status: ['open'] }))],
    ['list organization', () => listTickets(db, requester, listInput.parse({ view: 'organization' }))],
    ['list organization, open', () => listTickets(db, requester, listInput.parse({ view: 'organization', status: ['open'] }))],
    ['list organization without tickets', () => listTickets(db, newcomer, listInput.parse({ view: 'organization' }))],
    ['list queue (all, critical first)', () => listTickets(db, agent, listInput.parse({ view: 'queue', sort: 'criticalFirst' }))],
    ['list queue, open', () => listTickets(db, agent, listInput.parse({ view: 'queue', status: ['open'], sort: 'criticalFirst' }))],
    ['list queue, unassigned', () => listTickets(db, agent, listInput.parse({ view: 'queue', unassigned: true, sort: 'criticalFirst' }))],
    ['list queue, page 40', () => listTickets(db, agent, listInput.parse({ view: 'queue', sort: 'criticalFirst', page: 40 }))],
    ['list queue, page 40, by last change', () => listTickets(db, agent, listInput.parse({ view: 'queue', page: 40 }))],
    ['list queue, open, unassigned, by last change', () => listTickets(db, agent, listInput.parse({ view: 'queue', status: ['open'], unassigned: true }))],
    ['get: access check', () => visibleTicket(db, agent, SEEDED_NUMBER_BASE + 1000)],
  ];
  // A long column list says nothing about the plan: `select <28 columns> from`.
  const shortened = (query: string) =>
    query.replace(/select ((?:"\w+"\.)?"\w+"(?:, (?:"\w+"\.)?"\w+")+) from/g, (_, columns: string) => `select <${columns.split(', ').length} columns> from`);
  const times: Array<[string, string[]]> = [];
  for (const [name, read] of reads) {
    captured.length = 0;
    await read();
    const executions: string[] = [];
    for (const { query, params } of captured.filter((c) => /from "tickets"/.test(c.query))) {
      const kind = query.startsWith('select count(') ? 'count' : 'rows';
      const plan = (await client.unsafe(`explain (analyze, buffers, costs off) ${query}`, params as never[])).map((row) => String(row['QUERY PLAN']));
      console.log(`\n### ${name}: ${kind}\n${shortened(query)}\n${plan.join('\n')}`);
      executions.push(`${kind} ${plan.find((line) => line.startsWith('Execution Time'))?.replace('Execution Time: ', '')}`);
    }
    times.push([name, executions]);
  }
  console.log(`\n### Execution times\n${times.map(([name, executions]) => `${name.padEnd(48)} ${executions.join(', ')}`).join('\n')}`);
  // tickets.get also lists the ticket's follow-ups by follow_up_of.
  const followUps = await client.unsafe(`explain (analyze, buffers, costs off) select number from tickets where follow_up_of = $1 order by number`, [SEEDED_NUMBER_BASE + 1000]);
  console.log(`\n### get: follow-ups\n${followUps.map((row) => row['QUERY PLAN']).join('\n')}`);
  await client.end();
} finally {
  await pg.stop();
  rmSync(dir, { recursive: true, force: true });
}
