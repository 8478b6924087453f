// Each request's context: the dependencies, who is calling (from the session cookie), and how to
// set or clear that cookie. The user is looked up on first use, inside the procedure, so that a
// database failure is reported like any other.
import type { CreateExpressContextOptions } from '@trpc/server/adapters/express';
import { parse as parseCookies } from 'cookie';
import type { ClientInfo } from '../accounts/access.js';
import { SESSION_COOKIE, SESSION_TTL_MS, userOfSession } from '../accounts/sessions.js';
import type { UserRow } from '../accounts/users.js';
import type { ApiDeps } from './deps.js';

export interface Context {
  deps: ApiDeps;
  client: ClientInfo;
  sessionSecret: string | null;
  user(): Promise<UserRow | null>;
  setSessionCookie(secret: string): void;
  clearSessionCookie(): void;
}

export function createContextFactory(deps: ApiDeps) {
  const secure = deps.config.publicUrl.startsWith('https:');
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, secure, path: '/' };
  return ({ req, res }: CreateExpressContextOptions): Context => {
    const sessionSecret = parseCookies(req.headers.cookie ?? '')[SESSION_COOKIE] || null;
    let user: Promise<UserRow | null> | null = null;
    return {
      deps,
      client: { address: req.ip ?? req.socket.remoteAddress ?? 'unknown', userAgent: req.get('user-agent') },
      sessionSecret,
      user: () => (user ??= sessionSecret ? userOfSession(deps.db, sessionSecret) : Promise.resolve(null)),
      setSessionCookie: (secret) => res.cookie(SESSION_COOKIE, secret, { ...cookieOptions, maxAge: SESSION_TTL_MS }),
      clearSessionCookie: () => res.clearCookie(SESSION_COOKIE, cookieOptions),
    };
  };
}
