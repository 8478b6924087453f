// Who is calling, for the routes outside tRPC that are for Support Ops only (the codec endpoint,
// the Temporal UI, a proxy's auth check): the portal's session cookie, or the same session's
// secret as a bearer token (the Temporal CLI's --codec-auth, which cannot hold a cookie).
import type { Request } from 'express';
import { parse as parseCookies } from 'cookie';
import { SESSION_COOKIE, userOfSession } from '../accounts/sessions.js';
import { isStaff, type UserRow } from '../accounts/users.js';
import type { Database } from '../db/client.js';

export function sessionSecretOf(req: Request): string | null {
  const bearer = /^Bearer\s+(\S+)$/i.exec(req.get('authorization') ?? '')?.[1];
  return bearer ?? (parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] || null);
}

/** The signed-in Support Ops member (agent or admin) making the request, or null. */
export async function agentOf(db: Database, req: Request): Promise<UserRow | null> {
  const secret = sessionSecretOf(req);
  const user = secret ? await userOfSession(db, secret) : null;
  return user && isStaff(user) ? user : null;
}
