import { requiredContext } from '../react/required-context';
import { useCallback, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { configureAuth } from '../api/client';
import type { Session, SignInRequest } from '../api/contract';
import { api } from '../api/endpoints';
import { withAction } from '../telemetry/tracing';
import { readSessionCookie, storedSessionExpired, writeSessionCookie } from './session-cookie';

interface AuthState {
  session: Session | null;
  notice: string | null;
  /** Set when the browser could not keep the session: a reload will sign the user out. */
  persistenceWarning: string | null;
  signIn: (credentials: SignInRequest) => Promise<void>;
  signOut: (notice?: string) => void;
}

const [AuthContext, useAuth] = requiredContext<AuthState>('useAuth', 'AuthProvider');
export { useAuth };

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSessionCookie);
  const [notice, setNotice] = useState<string | null>(() => (storedSessionExpired() ? 'Your session expired. Sign in again.' : null));
  const [persistenceWarning, setPersistenceWarning] = useState<string | null>(null);

  const signOut = useCallback((message?: string) => {
    writeSessionCookie(null);
    setSession(null);
    setPersistenceWarning(null);
    setNotice(message ?? null);
  }, []);

  const sessionRef = useRef(session);
  // Layout effects run before any child's data-fetching effect, so the first requests carry the token.
  useLayoutEffect(() => {
    sessionRef.current = session;
  }, [session]);
  useLayoutEffect(() => {
    configureAuth(
      () => sessionRef.current?.token ?? null,
      () => signOut('Your session has ended. Sign in again.'),
    );
  }, [signOut]);

  const signIn = useCallback(async (credentials: SignInRequest) => {
    const next = await withAction('sign in', (action) => api.signIn(credentials, action));
    const kept = writeSessionCookie(next);
    setPersistenceWarning(
      kept === 'memory'
        ? 'This browser could not store your sign-in (the session is too large for its cookies and storage): reloading the page will sign you out.'
        : null,
    );
    sessionRef.current = next;
    setNotice(null);
    setSession(next);
  }, []);

  const value = useMemo(() => ({ session, notice, persistenceWarning, signIn, signOut }), [session, notice, persistenceWarning, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}
