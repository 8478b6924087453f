// Old account rows are useless once expired: sessions past their end, links past theirs, rate
// counters whose window closed long ago. Deleting them keeps those tables (and lookups) small.
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';

export async function pruneAccounts(db: Database): Promise<void> {
  await db.execute(sql`delete from sessions where expires_at < now()`);
  await db.execute(sql`delete from account_tokens where expires_at < now() - interval '7 days'`);
  await db.execute(sql`delete from rate_limits where window_start < now() - interval '1 day'`);
}

/**
 * Runs the pruning now and then from the access flows themselves, so that no extra process or
 * timer is needed for it: about once every `every` calls, without waiting for it.
 */
export function pruneAccountsSometimes(db: Database, every = 200): void {
  if (Math.random() * every >= 1) return;
  // Nothing depends on it: a failed pass is simply made up by a later one.
  pruneAccounts(db).catch(() => {});
}
