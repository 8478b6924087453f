// Reading and writing accounts: users, their organizations, and the Person a ticket carries.
import { randomUUID } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { memberships, organizations, users, type UserRole } from '../db/schema.js';
import type { Person } from '../../workflows/ticket/model.js';

export type UserRow = typeof users.$inferSelect;
type Executor = Pick<Database, 'select' | 'insert' | 'update' | 'delete'>;

/** One spelling per address, so that an account is found whatever the case typed. */
export const normalizeEmail = (email: string) => email.trim().toLowerCase();

export const isStaff = (user: { role: UserRole }) => user.role === 'agent' || user.role === 'admin';

export function personOf(user: Pick<UserRow, 'id' | 'email' | 'name'>): Person {
  return user.name ? { id: user.id, email: user.email, name: user.name } : { id: user.id, email: user.email };
}

export async function findUserByEmail(db: Executor, email: string): Promise<UserRow | undefined> {
  return (await db.select().from(users).where(eq(users.email, normalizeEmail(email))))[0];
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return (await db.select().from(users).where(eq(users.id, id)))[0];
}

export async function createUser(db: Executor, input: { email: string; role?: UserRole; name?: string | null }): Promise<UserRow> {
  const [row] = await db
    .insert(users)
    .values({ id: randomUUID(), email: normalizeEmail(input.email), role: input.role ?? 'requester', name: input.name?.trim() || null })
    .returning();
  return row;
}

/**
 * The account for an address, made (as a requester without a password) when there is none: a
 * person CC'd by e-mail can then follow the ticket once they request access.
 */
export async function ensureUser(db: Executor, email: string): Promise<UserRow> {
  const normalized = normalizeEmail(email);
  await db.insert(users).values({ id: randomUUID(), email: normalized }).onConflictDoNothing({ target: users.email });
  const row = await findUserByEmail(db, normalized);
  if (!row) throw new Error(`account for ${normalized} vanished`);
  return row;
}

/** The user's organizations, oldest membership first (the first is where new tickets belong). */
export async function organizationIdsOf(db: Executor, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: memberships.organizationId })
    .from(memberships)
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.organizationId));
  return rows.map((r) => r.id);
}

/** The user's organizations with their names, in the order organizationIdsOf gives them. */
export async function organizationsOf(db: Executor, userId: string): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: organizations.id, name: organizations.name })
    .from(memberships)
    .innerJoin(organizations, eq(organizations.id, memberships.organizationId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(memberships.createdAt), asc(memberships.organizationId));
}

export async function findOrCreateOrganization(db: Executor, name: string): Promise<typeof organizations.$inferSelect> {
  const trimmed = name.trim();
  const existing = (await db.select().from(organizations).where(sql`lower(${organizations.name}) = lower(${trimmed})`))[0];
  if (existing) return existing;
  await db.insert(organizations).values({ id: randomUUID(), name: trimmed }).onConflictDoNothing();
  const row = (await db.select().from(organizations).where(sql`lower(${organizations.name}) = lower(${trimmed})`))[0];
  if (!row) throw new Error(`organization ${trimmed} vanished`);
  return row;
}

export async function addMembership(db: Executor, userId: string, organizationId: string): Promise<void> {
  await db.insert(memberships).values({ userId, organizationId }).onConflictDoNothing();
}
