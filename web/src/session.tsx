// Who is signed in. Loaded once from auth.me; pages that need a user send others to Sign in.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api } from './api/client';
import type { Me } from './api/views';

interface Session {
  me: Me | null;
  ready: boolean;
  refresh(): Promise<void>;
  signOut(): Promise<void>;
}
const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(null);
  const [ready, setReady] = useState(false);
  const refresh = useCallback(async () => {
    try {
      setMe(await api.auth.me());
    } catch {
      // Signed out, or the server is away: either way, the sign-in page is where to go.
      setMe(null);
    } finally {
      setReady(true);
    }
  }, []);
  const signOut = useCallback(async () => {
    try {
      await api.auth.signOut();
    } finally {
      setMe(null);
    }
  }, []);
  useEffect(() => {
    void refresh();
  }, [refresh]);
  const value = useMemo(() => ({ me, ready, refresh, signOut }), [me, ready, refresh, signOut]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}

export const isAgent = (me: Me | null) => me?.role === 'agent' || me?.role === 'admin';
