// Demo accounts and a demo organization for trying the product locally (development only).
// Idempotent: a second start finds them and changes nothing, passwords included.
import { eq } from 'drizzle-orm';
import { hashPassword } from '../accounts/passwords.js';
import { addMembership, createUser, findOrCreateOrganization, findUserByEmail } from '../accounts/users.js';
import type { Database } from '../db/client.js';
import { users, type UserRole } from '../db/schema.js';

export const DEMO_PASSWORD = 'demo-bikes-2026';
export const DEMO_ORGANIZATION = 'Demo Bike Rentals';

export const DEMO_ACCOUNTS: Array<{ email: string; name: string; role: UserRole; member: boolean }> = [
  { email: 'agent@example.com', name: 'Sam Agent (Support Ops)', role: 'agent', member: false },
  { email: 'admin@example.com', name: 'Ada Admin', role: 'admin', member: false },
  { email: 'alice@example.com', name: 'Alice (shop staff)', role: 'requester', member: true },
  { email: 'bob@example.com', name: 'Bob (field agent)', role: 'requester', member: true },
];

/** Makes whatever is missing; returns one printable line per account. */
export async function ensureDemoAccounts(db: Database): Promise<string[]> {
  const organization = await findOrCreateOrganization(db, DEMO_ORGANIZATION);
  const lines: string[] = [];
  for (const account of DEMO_ACCOUNTS) {
    let user = await findUserByEmail(db, account.email);
    // Two processes starting at once may both try; the unique e-mail index lets one win.
    user ??= await createUser(db, account).catch(async () => findUserByEmail(db, account.email));
    if (!user) throw new Error(`demo account ${account.email} could not be made`);
    if (!user.passwordHash) await db.update(users).set({ passwordHash: await hashPassword(DEMO_PASSWORD) }).where(eq(users.id, user.id));
    if (account.member) await addMembership(db, user.id, organization.id);
    lines.push(`${account.email.padEnd(20)} ${account.role.padEnd(10)} ${account.member ? DEMO_ORGANIZATION : ''}`.trimEnd());
  }
  return [...lines, `password for all: ${DEMO_PASSWORD}`];
}
