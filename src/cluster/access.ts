// The way into a new cluster. It runs in production mode, where there are no demo accounts: on a
// start where its Support Ops admin (CLUSTER_ADMIN_EMAIL) has no password yet, the account is made
// if missing and a one-time set-password link is printed, as `npm run users -- create` does
// (the same functions; the link is also queued as an e-mail). Later accounts: `npm run users`.
import { issueLink } from '../accounts/links.js';
import { createUser, findUserByEmail } from '../accounts/users.js';
import { createDatabase } from '../db/client.js';

export interface Access {
  email: string;
  /** A set-password link, while the admin has no password. */
  link?: string;
}

export async function firstAccess(databaseUrl: string, publicUrl: string, email: string): Promise<Access> {
  const db = createDatabase(databaseUrl, { max: 1 });
  try {
    const user = (await findUserByEmail(db, email)) ?? (await createUser(db, { email, role: 'admin', name: 'Support Ops admin' }));
    if (user.passwordHash) return { email };
    return { email, link: await issueLink(db, publicUrl, 'access', email) };
  } finally {
    await db.close();
  }
}
