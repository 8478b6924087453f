// Reply tokens: one per person and ticket, made the first time they get an e-mail they may answer,
// then reused, so every e-mail of the ticket carries the same Reply-To. Random, not derived: a
// leaked token answers one ticket as one person, and deleting its row revokes it.
import { randomBytes } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { replyTokens } from '../db/schema.js';

/** The database or a transaction on it. */
type Queries = Pick<Database, 'insert' | 'select'>;

/** 26 characters of [a-z2-7]: safe in the local part of any address, case-insensitive. */
function newToken(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  return Array.from(randomBytes(26), (byte) => alphabet[byte % 32]).join('');
}

export async function replyTokenFor(db: Queries, ticketNumber: number, userId: string): Promise<string> {
  await db.insert(replyTokens).values({ token: newToken(), ticketNumber, userId }).onConflictDoNothing();
  const [row] = await db
    .select({ token: replyTokens.token })
    .from(replyTokens)
    .where(and(eq(replyTokens.ticketNumber, ticketNumber), eq(replyTokens.userId, userId)));
  return row.token;
}

export async function ownerOfToken(db: Queries, token: string): Promise<{ ticketNumber: number; userId: string } | null> {
  const [row] = await db.select({ ticketNumber: replyTokens.ticketNumber, userId: replyTokens.userId }).from(replyTokens).where(eq(replyTokens.token, token));
  return row ?? null;
}
