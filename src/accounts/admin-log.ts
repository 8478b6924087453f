// The admin log: every admin action, who did it and when, recorded by the admin procedures
// themselves (src/api/trpc.ts) once the action has succeeded, so none can be forgotten.
import { count, desc } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { adminActions } from '../db/schema.js';

export async function recordAdminAction(db: Database, entry: { actorId: string; actorEmail: string; action: string; details: unknown }): Promise<void> {
  const details = entry.details && typeof entry.details === 'object' ? (entry.details as Record<string, unknown>) : { input: entry.details ?? null };
  await db.insert(adminActions).values({ actorId: entry.actorId, actorEmail: entry.actorEmail, action: entry.action, details });
}

export async function adminLog(db: Database, page: number, pageSize: number) {
  const [rows, [{ total }]] = await Promise.all([
    db.select().from(adminActions).orderBy(desc(adminActions.at), desc(adminActions.id)).limit(pageSize).offset((page - 1) * pageSize),
    db.select({ total: count() }).from(adminActions),
  ]);
  return { items: rows.map((row) => ({ ...row, at: row.at.toISOString() })), total, page, pageSize };
}
