// Who is signed in, loaded from auth.me, with the server's settings the portal shows (portalConfig:
// the limits on files, whether answering an e-mail reaches the ticket, and for Support Ops where
// the Temporal UI is); pages that need a user send others to Sign in. The
// language is kept on the account (it also decides the language of the person's e-mails): the
// account's choice is applied when the person is known, and an account without one is given the
// language the person is reading in.
import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Me, PortalConfig } from './api/types';
import { useI18n, type Lang } from './i18n';

interface Session {
  me: Me | null;
  /** The server's settings the portal shows; null when signed out (or when they could not be read). */
  portal: PortalConfig | null;
  ready: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
  /** Speaks `lang` from now on, and remembers it on the account when someone is signed in. */
  chooseLanguage(lang: Lang): void;
}
const SessionContext = createContext<Session | null>(null);

export const isAgent = (me: Me | null) => me?.role === 'agent' || me?.role === 'admin';

export function SessionProvider({ children }: { children: ReactNode }) {
  const { lang, setLang } = useI18n();
  const [me, setMe] = useState<Me | null>(null);
  const [portal, setPortal] = useState<PortalConfig | null>(null);
  const [ready, setReady] = useState(false);
  // The language at the time an answer arrives, not when the request left.
  const langNow = useRef(lang);
  langNow.current = lang;

  const remember = useCallback((language: Lang) => {
    // A failure leaves the choice in this browser only; the next sign-in tries again.
    api.auth.setLanguage.mutate({ language }).then(({ user }) => setMe(user), () => {});
  }, []);

  const refresh = useCallback(async () => {
    try {
      // Asked together (one batched request); the settings are for signed-in people only, and
      // only Support Ops are told where the Temporal UI is. Without them, the portal says its
      // defaults (lib/attachment-limits.ts).
      const [user, config] = await Promise.all([api.auth.me.query(), api.portalConfig.get.query().catch(() => null)]);
      setMe(user);
      setPortal(user ? config : null);
      if (user?.language) setLang(user.language);
      else if (user) remember(langNow.current);
    } catch {
      // Signed out, or the server is away: either way, the sign-in page is where to go.
      setMe(null);
      setPortal(null);
    } finally {
      setReady(true);
    }
  }, [remember, setLang]);

  const signOut = useCallback(async () => {
    try {
      await api.auth.signOut.mutate();
    } finally {
      setMe(null);
      setPortal(null);
    }
  }, []);

  const chooseLanguage = useCallback(
    (next: Lang) => {
      setLang(next);
      if (me) remember(next);
    },
    [me, remember, setLang],
  );

  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ me, portal, ready, refresh, signOut, chooseLanguage }), [me, portal, ready, refresh, signOut, chooseLanguage]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
