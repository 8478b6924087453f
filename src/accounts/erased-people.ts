// Who of the people a projection write names has been erased. Every projection write reads this
// under a shared lock that the erasure takes exclusively, so a write and an erasure never
// interleave: a write that began before the erasure finishes first and the erasure then scrubs
// what it wrote; one that begins after sees the person in erased_people and writes placeholders.
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { erasedPeople } from '../db/schema.js';

type Executor = Pick<Database, 'execute' | 'select'>;

const ERASURE_LOCK = sql`hashtext('erase-person')`;

/** Taken by each projection write, first in its transaction: writes do not wait for one another. */
export async function erasedAmong(tx: Executor, ids: string[]): Promise<Set<string>> {
  await tx.execute(sql`select pg_advisory_xact_lock_shared(${ERASURE_LOCK})`);
  if (ids.length === 0) return new Set();
  const rows = await tx.select({ id: erasedPeople.userId }).from(erasedPeople).where(inArray(erasedPeople.userId, ids));
  return new Set(rows.map((r) => r.id));
}

/** Taken by an erasure, first in its transaction: it waits for the writes under way, and new ones wait for it. */
export async function lockOutProjectionWrites(tx: Executor): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${ERASURE_LOCK})`);
}
