// The session as React sees it: who is signed in, and the actions that change that.
import type { AcceptInviteBody, LoginBody, Me, RegisterBody } from '@mcp-studio/protocol';
import { createContext, useContext } from 'react';

export type AuthStatus = 'loading' | 'anonymous' | 'authenticated' | 'error';

export interface AuthContextValue {
  status: AuthStatus;
  me: Me | null;
  error: unknown;
  login(body: LoginBody): Promise<void>;
  register(body: RegisterBody): Promise<void>;
  acceptInvite(body: AcceptInviteBody): Promise<void>;
  logout(): Promise<void>;
  retry(): void;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}

/** The signed-in caller; only for pages behind <RequireAuth>. */
export function useMe(): Me {
  const { me } = useAuth();
  if (!me) throw new Error('useMe must be used behind <RequireAuth>');
  return me;
}
