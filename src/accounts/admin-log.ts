// The admin log: every admin action, who did it and when, recorded by the admin procedures
// themselves (src/api/trpc.ts) once the action has succeeded, so none can be forgotten.
import { and, count, desc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { adminActions } from '../db/schema.js';
import { containing } from '../db/like.js';

export async function recordAdminAction(db: Database, entry: { actorId: string; actorEmail: string; action: string; details: unknown }): Promise<void> {
  const details = entry.details && typeof entry.details === 'object' ? (entry.details as Record<string, unknown>) : { input: entry.details ?? null };
  await db.insert(adminActions).values({ actorId: entry.actorId, actorEmail: entry.actorEmail, action: entry.action, details });
}

export interface AdminLogFilter {
  page: number;
  pageSize: number;
  /** One procedure, e.g. users.erase. */
  action?: string;
  /** Words of an address, a name or an id: in who acted, or in what they acted on. */
  person?: string;
}

/** The log, newest first, a page at a time, narrowed to one action or to what names a person. */
export async function adminLog(db: Database, filter: AdminLogFilter) {
  const conditions: SQL[] = [];
  if (filter.action) conditions.push(eq(adminActions.action, filter.action));
  if (filter.person) {
    const pattern = containing(filter.person);
    conditions.push(or(ilike(adminActions.actorEmail, pattern), eq(adminActions.actorId, filter.person), sql`${adminActions.details}::text ilike ${pattern}`) as SQL);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, [{ total }]] = await Promise.all([
    db
      .select()
      .from(adminActions)
      .where(where)
      .orderBy(desc(adminActions.at), desc(adminActions.id))
      .limit(filter.pageSize)
      .offset((filter.page - 1) * filter.pageSize),
    db.select({ total: count() }).from(adminActions).where(where),
  ]);
  return { items: rows.map((row) => ({ ...row, at: row.at.toISOString() })), total, page: filter.page, pageSize: filter.pageSize };
}
