// Everything a request could have changed for one person and one ticket, to compare before and
// after a request that must change nothing.
import { sql } from 'drizzle-orm';
import type { Database } from '../../../src/db/client.js';

export async function footprint(db: Database, requesterId: string, number: number) {
  const [row] = await db.execute<Record<string, unknown>>(sql`
    select
      (select count(*)::int from tickets where requester_id = ${requesterId}) as tickets,
      (select count(*)::int from ticket_requests where requester_id = ${requesterId}) as requests,
      (select count(*)::int from users) as users,
      (select version from tickets where number = ${number}) as version,
      (select status from tickets where number = ${number}) as status,
      (select updated_at from tickets where number = ${number}) as updated_at,
      (select cc_ids from tickets where number = ${number}) as cc_ids,
      (select count(*)::int from ticket_comments where ticket_number = ${number}) as comments,
      (select count(*)::int from ticket_events where ticket_number = ${number}) as events,
      (select count(*)::int from notifications where ticket_number = ${number}) as notifications`);
  return row;
}
