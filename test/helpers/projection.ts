// Tickets written straight into the projection, for tests that need more of them than workflows
// could make in a test's time (a list past its count cap needs over a thousand). They have no
// workflow behind them and numbers far above the suite's own, and remove() takes them out again,
// so that no other test sees them.
import { and, gte, lt, sql } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { tickets } from '../../src/db/schema.js';
import { DEFAULT_POLICY } from '../../workflows/ticket/model.js';

/** Each call takes a block of numbers of its own, at random, well above any the suite allocates. */
const BLOCK = 100_000;

export interface ProjectionTickets {
  /** Newest first, the order the lists show by default. */
  numbers: number[];
  remove(): Promise<void>;
}

export async function insertProjectionTickets(
  db: Database,
  options: { count: number; requester: { id: string; email: string }; organizationId: string | null },
): Promise<ProjectionTickets> {
  if (options.count > BLOCK) throw new Error(`at most ${BLOCK} tickets at once`);
  const first = 5_000_000_000 + Math.floor(Math.random() * 1_000_000) * BLOCK;
  // Open Software issues, one a minute back from now, the first the newest.
  await db.execute(sql`
    insert into tickets (
      number, version, type, subject, description, status, requester_id, requester_email, organization_id,
      ccs, cc_ids, comment_count, policy, created_at, updated_at, status_changed_at, first_reply_due_at
    )
    select ${first}::bigint + i, 1, 'software_issue', 'Inserted ticket ' || i, 'Written into the projection by a test.', 'open',
      ${options.requester.id}, ${options.requester.email}, ${options.organizationId},
      '[]'::jsonb, '{}'::text[], 0, ${JSON.stringify(DEFAULT_POLICY)}::jsonb, at, at, at, at + interval '8 hours'
    from generate_series(0, ${options.count - 1}::int) as i, lateral (select now() - i * interval '1 minute') as t(at)`);
  return {
    numbers: Array.from({ length: options.count }, (_, i) => first + i),
    async remove() {
      await db.delete(tickets).where(and(gte(tickets.number, first), lt(tickets.number, first + BLOCK)));
    },
  };
}
