// Pages for signed-in people: wait for the session, then show the page or go to Sign in, which
// brings the person back here (address and query) once they are in. A page for Support Ops
// (`only="staff"`) or for admins (`only="admin"`) says to anyone else that it is not open to them,
// without loading it (the server refuses them its data anyway).
import type { ReactNode } from 'react';
import { Redirect } from 'wouter';
import { useI18n } from '../i18n';
import { signInHref, useHere } from '../lib/sign-in-link';
import { isAgent, useSession } from '../session';

export type Only = 'staff' | 'admin';

export function RequireUser({ children, only }: { children: ReactNode; only?: Only }) {
  const { me, ready } = useSession();
  const { t } = useI18n();
  const here = useHere();
  if (!ready) return <p aria-busy="true">{t.common.loading}</p>;
  if (!me) return <Redirect to={signInHref(here)} replace />;
  if ((only === 'staff' && !isAgent(me)) || (only === 'admin' && me.role !== 'admin')) return <h1 data-testid="not-open">{t.notOpenPage}</h1>;
  return <>{children}</>;
}
