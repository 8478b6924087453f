// Pages for signed-in people: wait for the session, then show the page or go to Sign in.
import type { ReactNode } from 'react';
import { Redirect, useLocation } from 'wouter';
import { useI18n } from '../i18n';
import { useSession } from '../session';

export function RequireUser({ children }: { children: ReactNode }) {
  const { me, ready } = useSession();
  const { t } = useI18n();
  const [location] = useLocation();
  if (!ready) return <p aria-busy="true">{t.common.loading}</p>;
  if (!me) return <Redirect to={`/sign-in?next=${encodeURIComponent(location)}`} replace />;
  return <>{children}</>;
}
