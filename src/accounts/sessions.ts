// Server-side sessions behind an httpOnly cookie. Deleting a row signs that browser out at once,
// which a self-contained token could not do.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { onePerPool } from '../db/prepared.js';
import { sessions, users } from '../db/schema.js';
import { hashSecret, newSecret } from './secrets.js';
import type { UserRow } from './users.js';

export const SESSION_COOKIE = 'support_desk_session';
export const SESSION_TTL_MS = 14 * 24 * 60 * 60 * 1000;

type Executor = Pick<Database, 'select' | 'insert' | 'delete' | 'update'>;

export async function startSession(db: Executor, userId: string, meta: { userAgent?: string; address?: string }): Promise<string> {
  const secret = newSecret();
  await db.insert(sessions).values({
    tokenHash: hashSecret(secret),
    userId,
    expiresAt: new Date(Date.now() + SESSION_TTL_MS),
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    address: meta.address ?? null,
  });
  // Every sign-in starts a session: the admin pages show when the person last signed in.
  await db.update(users).set({ lastSignedInAt: sql`now()` }).where(eq(users.id, userId));
  return secret;
}

/** Every signed-in request looks its session up (src/db/prepared.ts). The row is still read on every request, so a session ended or an account disabled is refused at once. */
const sessionLookup = onePerPool((db) =>
  db
    .select({ user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, sql.placeholder('tokenHash')), gt(sessions.expiresAt, sql.placeholder('now')), isNull(users.disabledAt)))
    .prepare('user_of_session'),
);

/** The signed-in user, if the secret names a live session of an enabled account. */
export async function userOfSession(db: Database, secret: string): Promise<UserRow | null> {
  // The API's clock, as the expiry was set by it; as text, since placeholders skip drizzle's date encoding.
  const [row] = await sessionLookup(db).execute({ tokenHash: hashSecret(secret), now: new Date().toISOString() });
  return row?.user ?? null;
}

export async function endSession(db: Executor, secret: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashSecret(secret)));
}

/** Signs the user out everywhere (password change, account disabled, admin's request). */
export async function endAllSessions(db: Executor, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ userId: sessions.userId });
  return deleted.length;
}
