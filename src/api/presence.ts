// Who of Support Ops has a ticket open, and who is writing a reply on it: each agent's ticket page
// sends a heartbeat every PRESENCE_HEARTBEAT_MS naming what they do; a row not refreshed within
// PRESENCE_TTL_MS no longer counts (a closed tab, a lost connection), and is removed later.
import { and, asc, desc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { onePerPool } from '../db/prepared.js';
import { ticketPresence, users, type PresenceActivity } from '../db/schema.js';

export const PRESENCE_HEARTBEAT_MS = 10_000;
export const PRESENCE_TTL_MS = 30_000;
/** Rows older than this are removed by the heartbeats themselves. */
const PRESENCE_KEPT_MS = 60 * 60_000;

const fresh = () => sql`now() - ${`${PRESENCE_TTL_MS} milliseconds`}::interval`;

export interface Presence {
  user: { id: string; email: string; name: string | null };
  activity: PresenceActivity;
  /** Since when, without a break. */
  since: string;
  seenAt: string;
}

/** Who else is on the ticket now, those replying first. */
/** Read on every open and refresh of a ticket's page by Support Ops (src/db/prepared.ts). */
const othersPresent = onePerPool((db) =>
  db
    .select({ id: users.id, email: users.email, name: users.name, activity: ticketPresence.activity, since: ticketPresence.since, seenAt: ticketPresence.seenAt })
    .from(ticketPresence)
    .innerJoin(users, eq(users.id, ticketPresence.userId))
    .where(and(eq(ticketPresence.ticketNumber, sql.placeholder('ticketNumber')), ne(ticketPresence.userId, sql.placeholder('exceptUserId')), gt(ticketPresence.seenAt, fresh())))
    .orderBy(desc(sql`${ticketPresence.activity} = 'replying'`), asc(ticketPresence.since))
    .prepare('others_present'),
);

export async function presentOn(db: Database, ticketNumber: number, exceptUserId: string): Promise<Presence[]> {
  const rows = await othersPresent(db).execute({ ticketNumber, exceptUserId });
  return rows.map((r) => ({ user: { id: r.id, email: r.email, name: r.name }, activity: r.activity, since: r.since.toISOString(), seenAt: r.seenAt.toISOString() }));
}

/** Records that the user is on the ticket, doing this; a heartbeat after a break starts a new stay. */
export async function heartbeat(db: Database, ticketNumber: number, userId: string, activity: PresenceActivity): Promise<void> {
  await db
    .insert(ticketPresence)
    .values({ ticketNumber, userId, activity })
    .onConflictDoUpdate({
      target: [ticketPresence.ticketNumber, ticketPresence.userId],
      set: { activity, seenAt: sql`now()`, since: sql`case when ${ticketPresence.seenAt} < ${fresh()} then now() else ${ticketPresence.since} end` },
    });
  // Now and then, the rows of pages long gone.
  if (Math.random() < 0.01) await db.delete(ticketPresence).where(lt(ticketPresence.seenAt, sql`now() - ${`${PRESENCE_KEPT_MS} milliseconds`}::interval`));
}

export async function leave(db: Database, ticketNumber: number, userId: string): Promise<void> {
  await db.delete(ticketPresence).where(and(eq(ticketPresence.ticketNumber, ticketNumber), eq(ticketPresence.userId, userId)));
}
