// Who may ask for access from the sign-in page: anyone (the default), or only addresses of the
// domains an admin lists. Kept in desk_settings, so that every API process reads the same.
// Existing accounts always get their links: the policy is about new people only.
import { eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { deskSettings } from '../db/schema.js';

export type AccessPolicy = { mode: 'anyone' } | { mode: 'domains'; domains: string[] };

const KEY = 'access-policy';
const ANYONE: AccessPolicy = { mode: 'anyone' };

export async function accessPolicy(db: Database): Promise<AccessPolicy> {
  const [row] = await db.select({ value: deskSettings.value }).from(deskSettings).where(eq(deskSettings.key, KEY));
  return (row?.value as AccessPolicy | undefined) ?? ANYONE;
}

export async function setAccessPolicy(db: Database, policy: AccessPolicy, by: string): Promise<AccessPolicy> {
  const value = policy.mode === 'anyone' ? ANYONE : { mode: 'domains' as const, domains: [...new Set(policy.domains.map((d) => d.trim().toLowerCase().replace(/^@/, '')))].sort() };
  await db
    .insert(deskSettings)
    .values({ key: KEY, value, updatedBy: by })
    .onConflictDoUpdate({ target: deskSettings.key, set: { value, updatedBy: by, updatedAt: sql`now()` } });
  return value;
}

/** Whether a new person with this address may get an access link. */
export function allowsNewAddress(policy: AccessPolicy, email: string): boolean {
  if (policy.mode === 'anyone') return true;
  const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return policy.domains.some((allowed) => domain === allowed || domain.endsWith(`.${allowed}`));
}
