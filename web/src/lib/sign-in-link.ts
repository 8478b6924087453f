// The way to Sign in and back: pages that need a signed-in person, and an ended session, send
// people to /sign-in?next=<where they were>, query included (/requests?view=ccd comes back to the
// CC'd tab); after signing in they go back there, and only ever to a page of this portal.
import { useLocation, useSearch } from 'wouter';

/** Where the reader is: the path and its query. */
export function useHere(): string {
  const [path] = useLocation();
  const search = useSearch();
  return search ? `${path}?${search}` : path;
}

export const signInHref = (back: string): string => `/sign-in?next=${encodeURIComponent(back)}`;

/**
 * The page to go to after signing in: `next` when it is a path on this site, else Home. "//host"
 * and "/\host" lead browsers to another site; a next of Sign in itself would go round in circles.
 */
export function afterSignIn(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/';
  if (/^\/sign-in(?:[/?#]|$)/.test(next)) return '/';
  return next;
}
