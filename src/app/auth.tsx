import { createContext, useCallback, useContext, useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { configureAuth } from '../api/client';
import type { Session, SignInRequest } from '../api/contract';
import { api } from '../api/endpoints';
import { readSessionCookie, writeSessionCookie } from './session-cookie';

interface AuthState {
  session: Session | null;
  notice: string | null;
  signIn: (credentials: SignInRequest) => Promise<void>;
  signOut: (notice?: string) => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session | null>(readSessionCookie);
  const [notice, setNotice] = useState<string | null>(null);

  const signOut = useCallback((message?: string) => {
    writeSessionCookie(null);
    setSession(null);
    setNotice(message ?? null);
  }, []);

  const sessionRef = useRef(session);
  // Layout effects run before any child's data-fetching effect, so the first requests carry the token.
  useLayoutEffect(() => {
    sessionRef.current = session;
  }, [session]);
  useLayoutEffect(() => {
    configureAuth(() => sessionRef.current?.token ?? null, () => signOut('Your session has ended. Sign in again.'));
  }, [signOut]);

  const signIn = useCallback(async (credentials: SignInRequest) => {
    const next = await api.signIn(credentials);
    writeSessionCookie(next);
    sessionRef.current = next;
    setNotice(null);
    setSession(next);
  }, []);

  const value = useMemo(() => ({ session, notice, signIn, signOut }), [session, notice, signIn, signOut]);
  return <AuthContext value={value}>{children}</AuthContext>;
}

export function useAuth(): AuthState {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth() needs an <AuthProvider> above it');
  return auth;
}
