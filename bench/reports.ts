// npm run bench:reports — the lead's dashboard at scale: 100,000 tickets over a year and
// 1,000,000 audit events, seeded straight into a fresh Postgres with the product's schema, then
// each report for a 90-day range, one request at a time, for each filter the console offers, and
// the whole dashboard (every report side by side), beside a baseline from the same run (one
// indexed page of the agents' queue). Target: each report p99 ≤ 200 ms.
//   --tickets N   (default 100000; about 10 events each)
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../src/db/client.js';
import { startEmbeddedPostgres } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { freePort } from '../src/net.js';
import { dashboard, REPORTS, type ReportFilters, type ReportName } from '../src/reports/dashboard.js';

const { values } = parseArgs({ options: { tickets: { type: 'string', default: '100000' }, rounds: { type: 'string', default: '30' } } });
const TICKETS = Number(values.tickets);
const ROUNDS = Number(values.rounds);
const TIME_ZONE = 'Europe/Paris';

const load = () => loadavg().map((n) => n.toFixed(2)).join(' ');
console.log(`load average at the start: ${load()}`);
const dir = mkdtempSync(join(tmpdir(), 'support-desk-bench-reports-'));
const postgres = await startEmbeddedPostgres({ dir: join(dir, 'postgres'), port: await freePort() });
const db = createDatabase(postgres.url, { max: 4 });

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

async function timed(run: () => Promise<unknown>): Promise<{ p50: number; p99: number }> {
  await run(); // warm the caches once
  const times: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    const started = performance.now();
    await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { p50: percentile(times, 50), p99: percentile(times, 99) };
}

try {
  await runMigrations(postgres.url);
  const seeding = performance.now();
  // Four agents, three organizations; tickets spread over 2026, each with a creation, a reply and a
  // few status changes a few hours apart: about ten events a ticket.
  await db.execute(sql`insert into users (id, email, name, role) select 'agent-' || a, 'agent' || a || '@bench.test', 'Agent ' || a, 'agent' from generate_series(1, 4) a`);
  await db.execute(sql`
    insert into tickets (number, version, type, priority, subject, description, status, requester_id, requester_email, organization_id, assignee_id, ccs, cc_ids,
      comment_count, policy, created_at, updated_at, status_changed_at, first_reply_due_at, first_replied_at, sla_version)
    select n, 10, (array['critical','software_issue','hardware_issue','feature_request'])[1 + n % 4], (array['low','normal','high','urgent'])[1 + (n / 4) % 4], 'Bench ticket ' || n, 'Seeded.',
      (array['open','pending','on-hold','solved','closed'])[1 + n % 5], 'requester-' || (n % 5000), 'r' || (n % 5000) || '@bench.test',
      'org-' || (n % 3), 'agent-' || (1 + n % 4), '[]'::jsonb, '{}', 3, '{}'::jsonb,
      timestamptz '2026-01-01' + (n * interval '315 seconds'), timestamptz '2026-01-01' + (n * interval '315 seconds') + interval '40 hours',
      timestamptz '2026-01-01' + (n * interval '315 seconds') + interval '40 hours', timestamptz '2026-01-01' + (n * interval '315 seconds') + interval '8 hours',
      timestamptz '2026-01-01' + (n * interval '315 seconds') + (n % 13) * interval '1 hour',
      case when n % 2 = 0 then 1 end
    from generate_series(1, ${TICKETS}) n`);
  await db.execute(sql`
    insert into ticket_events (ticket_number, seq, at, actor_id, actor_kind, kind, from_status, to_status, data)
    select t.number, s, t.created_at + (s - 1) * interval '4 hours',
      case when s = 1 then t.requester_id else 'agent-' || (1 + t.number % 4) end,
      case when s = 1 then 'requester' else 'agent' end,
      case when s = 1 then 'created' when s % 3 = 0 then 'commented' else 'status_changed' end,
      case when s = 1 or s % 3 = 0 then null else (array['open','pending','open','solved','open','on-hold'])[1 + (s - 2) % 6] end,
      case when s = 1 then 'open' when s % 3 = 0 then null else (array['pending','open','solved','open','on-hold','open'])[1 + (s - 2) % 6] end,
      '{}'::jsonb
    from tickets t cross join generate_series(1, 10) s`);
  // Half the tickets pinned an SLA; one in ten of those missed its resolution target.
  await db.execute(sql`
    insert into ticket_events (ticket_number, seq, at, actor_id, actor_kind, kind, data)
    select t.number, 11, t.created_at + interval '41 hours', 'system', 'system', 'sla_breached', jsonb_build_object('target', 'resolution')
    from tickets t where t.number % 20 = 0`);
  // A third of the tickets were rated after a solve, one rating in five bad.
  await db.execute(sql`
    insert into ticket_events (ticket_number, seq, at, actor_id, actor_kind, kind, data)
    select t.number, 12, t.created_at + interval '2 days', t.requester_id, 'requester', 'satisfaction_rated',
      jsonb_build_object('survey', 11, 'rating', case when t.number % 5 = 0 then 'bad' else 'good' end, 'comment', '')
    from tickets t where t.number % 3 = 0`);
  await db.execute(sql`analyze`);
  const [{ tickets, events }] = await db.execute<{ tickets: number; events: number }>(sql`select (select count(*) from tickets)::int as tickets, (select count(*) from ticket_events)::int as events`);
  console.log(`seeded ${tickets.toLocaleString('en')} tickets and ${events.toLocaleString('en')} events in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);

  const range = { from: '2026-06-01', to: '2026-08-29' };
  const combos: Array<[string, ReportFilters]> = [
    ['90 days, no filter', range],
    ['by type', { ...range, type: 'critical' }],
    ['by organization', { ...range, organizationId: 'org-1' }],
    ['by priority', { ...range, priority: 'high' }],
    ['by agent', { ...range, assigneeId: 'agent-2' }],
    ['type + organization + agent', { ...range, type: 'software_issue', organizationId: 'org-2', assigneeId: 'agent-3' }],
  ];
  const baseline = await timed(() => db.execute(sql`select number, subject, status from tickets where status = 'open' order by updated_at desc, number desc limit 25`));
  const names = Object.keys(REPORTS) as ReportName[];
  console.log(`\n| p99 ms (p50) at c=1, ${ROUNDS} rounds | ${names.join(' | ')} | whole dashboard |\n| --- |${' --- |'.repeat(names.length + 1)}`);
  console.log(`| baseline: a queue page (25 rows, indexed) | ${baseline.p99.toFixed(1)} (${baseline.p50.toFixed(1)}) |${' |'.repeat(names.length)}`);
  const worst = { p99: 0, name: '' };
  for (const [combo, filters] of combos) {
    const cells: string[] = [];
    for (const name of names) {
      const { p50, p99 } = await timed(() => REPORTS[name](db, filters, TIME_ZONE));
      if (p99 > worst.p99) Object.assign(worst, { p99, name: `${name}, ${combo}` });
      cells.push(`${p99.toFixed(1)} (${p50.toFixed(1)})`);
    }
    const whole = await timed(() => dashboard(db, filters, TIME_ZONE));
    cells.push(`${whole.p99.toFixed(1)} (${whole.p50.toFixed(1)})`);
    console.log(`| ${combo} | ${cells.join(' | ')} |`);
  }
  console.log(`\nslowest report: ${worst.name}, p99 ${worst.p99.toFixed(1)} ms (target 200 ms: ${worst.p99 <= 200 ? 'met' : 'missed'})`);
  console.log(`\nload average at the end: ${load()}`);
} finally {
  await db.close();
  await postgres.stop();
  rmSync(dir, { recursive: true, force: true });
}
