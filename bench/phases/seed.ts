// Fills the tickets projection with synthetic rows in one SQL statement (generate_series), far
// faster than running that many workflows. The rows have no workflow behind them and numbers from
// SEEDED_NUMBER_BASE up, so nothing else mistakes them for real tickets. Their spread is a desk's:
// most closed or solved, a fifth open, a thousand requesters, twenty organizations (moduli prime
// to the status cycle, so that every requester and organization has tickets in every status).
import { sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';
import { SEEDED_NUMBER_BASE } from '../harness/context.js';

export interface SeedOwners {
  /** Every 997th seeded ticket is this requester's. */
  requesterId: string;
  requesterEmail: string;
  /** Every 19th seeded ticket belongs to this organization. */
  organizationId: string;
}

export async function seedProjection(db: Database, count: number, owners: SeedOwners): Promise<void> {
  await db.execute(sql`
    insert into tickets (
      number, version, type, subject, description, status, requester_id, requester_email, requester_name,
      organization_id, assignee_id, assignee_email, assignee_name, ccs, cc_ids, follow_up_of, comment_count, policy,
      created_at, updated_at, status_changed_at, first_reply_due_at, first_replied_at, sla_breached_at, solved_at, closed_at
    )
    select
      ${SEEDED_NUMBER_BASE}::bigint + g, 3,
      (array['critical','feature_request','hardware_issue','software_issue'])[1 + g % 4],
      'Seeded ticket ' || g, 'Seeded for the read benchmark.',
      (array['closed','closed','closed','closed','solved','solved','pending','on-hold','open','open'])[1 + g % 10],
      case when g % 997 = 0 then ${owners.requesterId} else 'seed-requester-' || (g % 1009) end,
      case when g % 997 = 0 then ${owners.requesterEmail} else 'seed-' || (g % 1009) || '@bench.test' end,
      null,
      case when g % 19 = 0 then ${owners.organizationId} else 'seed-org-' || (g % 19) end,
      case when g % 3 = 0 then null else 'seed-agent-' || (g % 7) end,
      case when g % 3 = 0 then null else 'agent' || (g % 7) || '@bench.test' end,
      null,
      '[]'::jsonb, '{}'::text[], null, 2, ${JSON.stringify(DEFAULT_POLICY)}::jsonb,
      created, created + (g % 3600) * interval '1 second', created + (g % 3600) * interval '1 second',
      created + interval '8 hours', created + interval '1 hour', null,
      case when g % 10 between 0 and 5 then created + interval '2 hours' end,
      case when g % 10 between 0 and 3 then created + interval '4 days' end
    from generate_series(1, ${count}::int) as g,
      lateral (select now() - interval '365 days' + g * (interval '365 days' / ${count}::int)) as t(created)
    on conflict (number) do nothing`);
  // What autovacuum does after a bulk load, done now: planner statistics and the visibility map
  // (without it, counts cannot use index-only scans). Then the load's dirty pages are written out
  // (a million rows leave about a gigabyte), so that the checkpointer does not write them during
  // the first read steps.
  await db.execute(sql`vacuum analyze tickets`);
  await db.execute(sql`checkpoint`);
}
