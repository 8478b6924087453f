// One-time links by e-mail: "set your password" (access) and "reset your password". The link
// holds a random secret; the table keeps its hash; following it once uses it up.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { accountTokens, notifications, type Language, type TokenPurpose } from '../db/schema.js';
import { hashSecret, newSecret } from './secrets.js';
import { normalizeEmail } from './users.js';

export const LINK_TTL_MS: Record<TokenPurpose, number> = {
  access: 72 * 60 * 60 * 1000,
  reset: 30 * 60 * 1000,
};

/** The web pages that take the token and call auth.setPassword. */
export const LINK_PATHS: Record<TokenPurpose, string> = {
  access: '/set-password',
  reset: '/reset-password',
};

/** Outbox kinds of the account e-mails. */
export const LINK_MAIL_KINDS = { access: 'set_password', reset: 'reset_password' } as const satisfies Record<TokenPurpose, string>;

type Executor = Pick<Database, 'insert' | 'update'>;

export function linkUrl(publicUrl: string, purpose: TokenPurpose, secret: string): string {
  return `${publicUrl}${LINK_PATHS[purpose]}?token=${encodeURIComponent(secret)}`;
}

/**
 * Records a new link and queues the e-mail that carries it, in one transaction. Returns the URL
 * (for the users command, which prints it).
 */
/** `language`: the one the link was asked for in, for its e-mail when the address has no account yet. */
export async function issueLink(db: Database, publicUrl: string, purpose: TokenPurpose, email: string, language?: Language): Promise<string> {
  const secret = newSecret();
  const tokenHash = hashSecret(secret);
  const address = normalizeEmail(email);
  const expiresAt = new Date(Date.now() + LINK_TTL_MS[purpose]);
  const url = linkUrl(publicUrl, purpose, secret);
  await db.transaction(async (tx) => {
    await tx.insert(accountTokens).values({ tokenHash, purpose, email: address, expiresAt });
    await tx.insert(notifications).values({
      dedupeKey: `account:${purpose}:${tokenHash}`,
      kind: LINK_MAIL_KINDS[purpose],
      recipient: address,
      payload: { url, expiresAt: expiresAt.toISOString(), ...(language ? { language } : {}) },
    });
  });
  return url;
}

/** Uses the link up if it is live; null when it is unknown, used or expired. */
export async function consumeLink(db: Executor, secret: string): Promise<{ email: string; purpose: TokenPurpose } | null> {
  const [row] = await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.tokenHash, hashSecret(secret)), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)))
    .returning({ email: accountTokens.email, purpose: accountTokens.purpose });
  return row ?? null;
}

/** Once a password is set, every other link sent to the address stops working. */
export async function retireLinks(db: Executor, email: string): Promise<void> {
  await db
    .update(accountTokens)
    .set({ usedAt: sql`now()` })
    .where(and(eq(accountTokens.email, normalizeEmail(email)), isNull(accountTokens.usedAt)));
}
