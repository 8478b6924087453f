// The satisfaction survey's one-time links. The projection makes one with the survey's e-mail, in
// the same transaction; the link holds a random secret and the table its hash, so a copy of the
// database cannot be turned into working links. The link only says which survey of which ticket it
// is and for whom: whether it may still be answered (once, for a solve not reopened, before the
// ticket closes) is the ticket's own decision, when the answer reaches it.
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { satisfactionLinks } from '../db/schema.js';
import { hashSecret, newSecret } from '../accounts/secrets.js';

type Queries = Pick<Database, 'insert' | 'select' | 'update'>;

export interface SurveyLink {
  ticketNumber: number;
  /** The seq of the survey's `satisfaction_requested` event. */
  survey: number;
  requesterId: string;
  usedAt: Date | null;
}

/**
 * A new link for the survey, or null when it has one already (a projection write retried after it
 * committed: its e-mail, queued with the first secret, is queued already too).
 */
export async function createSurveyLink(db: Queries, link: Omit<SurveyLink, 'usedAt'>): Promise<string | null> {
  const secret = newSecret();
  const inserted = await db.insert(satisfactionLinks).values({ tokenHash: hashSecret(secret), ...link }).onConflictDoNothing().returning({ survey: satisfactionLinks.survey });
  return inserted.length > 0 ? secret : null;
}

/** The survey a link is for; null for a secret that is no link. */
export async function surveyOfLink(db: Queries, secret: string): Promise<SurveyLink | null> {
  const [row] = await db
    .select({ ticketNumber: satisfactionLinks.ticketNumber, survey: satisfactionLinks.survey, requesterId: satisfactionLinks.requesterId, usedAt: satisfactionLinks.usedAt })
    .from(satisfactionLinks)
    .where(eq(satisfactionLinks.tokenHash, hashSecret(secret)));
  return row ?? null;
}

/** Notes that the link was answered through (the ticket already refuses a second answer). */
export async function markLinkUsed(db: Queries, secret: string): Promise<void> {
  await db
    .update(satisfactionLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(satisfactionLinks.tokenHash, hashSecret(secret)), isNull(satisfactionLinks.usedAt)));
}
