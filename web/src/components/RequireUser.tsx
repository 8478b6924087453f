// Pages for signed-in people: wait for the session, then show the page or go to Sign in, which
// brings the person back here (address and query) once they are in.
import type { ReactNode } from 'react';
import { Redirect } from 'wouter';
import { useI18n } from '../i18n';
import { signInHref, useHere } from '../lib/sign-in-link';
import { useSession } from '../session';

export function RequireUser({ children }: { children: ReactNode }) {
  const { me, ready } = useSession();
  const { t } = useI18n();
  const here = useHere();
  if (!ready) return <p aria-busy="true">{t.common.loading}</p>;
  if (!me) return <Redirect to={signInHref(here)} replace />;
  return <>{children}</>;
}
