// The access flows of the portal guide: request access, set a password from the e-mailed link,
// sign in, forgotten password. Answers never tell whether an address has an account.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { users, type Language } from '../db/schema.js';
import { BadCredentialsError, InvalidFieldError, InvalidLinkError, RateLimitedError } from './errors.js';
import { pruneAccountsSometimes } from './housekeeping.js';
import { consumeLink, issueLink, retireLinks } from './links.js';
import { hashPassword, passwordCharactersProblem, passwordProblem, verifyDecoy, verifyPassword } from './passwords.js';
import { countAttempt, refundAttempt, type Limit, type RateLimits } from './rate-limit.js';
import { accessPolicy, allowsNewAddress } from './access-policy.js';
import { endAllSessions, startSession } from './sessions.js';
import { ensureUser, findUserByEmail, normalizeEmail, type UserRow } from './users.js';

export interface AccessDeps {
  db: Database;
  publicUrl: string;
  limits: RateLimits;
}

/** Who is asking, as far as the network tells. */
export interface ClientInfo {
  address: string;
  userAgent?: string;
}

export interface SignedIn {
  user: UserRow;
  /** The session cookie's value. */
  sessionSecret: string;
}

async function spend(db: Database, key: string, limit: Limit): Promise<void> {
  if ((await countAttempt(db, key, limit)) > limit.max) throw new RateLimitedError(limit.windowMs / 1000);
}

async function spendLinkBudget(deps: AccessDeps, email: string, client: ClientInfo): Promise<void> {
  pruneAccountsSometimes(deps.db);
  await spend(deps.db, `links:account:${email}`, deps.limits.linksPerAccount);
  await spend(deps.db, `links:address:${client.address}`, deps.limits.linksPerAddress);
}

/**
 * "Request access": a link to set a password. Someone who already has one gets a reset link
 * instead, which does the same thing, so that the answer is the same either way.
 */
export async function requestAccess(deps: AccessDeps, rawEmail: string, client: ClientInfo, language?: Language): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await spendLinkBudget(deps, email, client);
  const user = await findUserByEmail(deps.db, email);
  if (user?.disabledAt) return;
  // Not one of the allowed domains: the same answer, and no link (nobody learns the list this way).
  if (!user && !allowsNewAddress(await accessPolicy(deps.db), email)) return;
  await issueLink(deps.db, deps.publicUrl, user?.passwordHash ? 'reset' : 'access', email, language);
}

/** "Forgotten password": only accounts get a link; nobody learns which addresses are accounts. */
export async function requestPasswordReset(deps: AccessDeps, rawEmail: string, client: ClientInfo, language?: Language): Promise<void> {
  const email = normalizeEmail(rawEmail);
  await spendLinkBudget(deps, email, client);
  const user = await findUserByEmail(deps.db, email);
  if (!user || user.disabledAt) return;
  await issueLink(deps.db, deps.publicUrl, user.passwordHash ? 'reset' : 'access', email, language);
}

/**
 * Follows a link: sets the password (making the account if access was requested by someone new),
 * signs out every other session, and signs this one in. A refused password leaves the link usable.
 */
export async function setPassword(
  deps: AccessDeps,
  input: { token: string; password: string; name?: string },
  client: ClientInfo,
): Promise<SignedIn> {
  return deps.db.transaction(async (tx) => {
    const link = await consumeLink(tx, input.token);
    if (!link) throw new InvalidLinkError();
    const problem = passwordProblem(input.password, link.email);
    // Throwing inside the transaction rolls the link back to unused.
    if (problem) throw new InvalidFieldError('password', problem);
    const existing = await ensureUser(tx, link.email);
    if (existing.disabledAt) throw new InvalidLinkError();
    const [user] = await tx
      .update(users)
      .set({ passwordHash: await hashPassword(input.password), name: existing.name ?? (input.name?.trim() || null), updatedAt: sql`now()` })
      .where(eq(users.id, existing.id))
      .returning();
    await retireLinks(tx, link.email);
    await endAllSessions(tx, user.id);
    const sessionSecret = await startSession(tx, user.id, client);
    return { user, sessionSecret };
  });
}

/** Only failures count towards the limits, so a person who signs in often is never locked out. */
export async function signIn(deps: AccessDeps, input: { email: string; password: string }, client: ClientInfo): Promise<SignedIn> {
  // No password can hold these (passwordProblem), so no attempt with them is worth counting.
  const characters = passwordCharactersProblem(input.password);
  if (characters) throw new InvalidFieldError('password', characters);
  const email = normalizeEmail(input.email);
  const accountKey = `sign-in:account:${email}`;
  const addressKey = `sign-in:address:${client.address}`;
  const { signInPerAccount, signInPerAddress } = deps.limits;
  pruneAccountsSometimes(deps.db);
  // Every attempt takes its place in the counts before the password is judged, so that guesses
  // sent all at once are limited like guesses sent one by one; an attempt that is refused or
  // succeeds gives its place back, so only failures count.
  const counts = [await countAttempt(deps.db, accountKey, signInPerAccount), await countAttempt(deps.db, addressKey, signInPerAddress)];
  const giveBack = () => Promise.all([refundAttempt(deps.db, accountKey), refundAttempt(deps.db, addressKey)]);
  const exceeded = counts[0] > signInPerAccount.max ? signInPerAccount : counts[1] > signInPerAddress.max ? signInPerAddress : null;
  if (exceeded) {
    await giveBack();
    throw new RateLimitedError(exceeded.windowMs / 1000);
  }

  const user = await findUserByEmail(deps.db, email);
  let ok = false;
  if (user?.passwordHash && !user.disabledAt) ok = await verifyPassword(input.password, user.passwordHash);
  else await verifyDecoy(input.password);
  if (!ok || !user) throw new BadCredentialsError();
  await giveBack();
  return { user, sessionSecret: await startSession(deps.db, user.id, client) };
}
