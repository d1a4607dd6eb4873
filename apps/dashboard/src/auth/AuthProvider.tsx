// Holds the session: restores it silently from the refresh token, signs in, out and up.
import {
  type AcceptInviteBody,
  type LoginBody,
  type RegisterBody,
  type SessionTokens,
  sessionTokensSchema,
} from '@mcp-studio/protocol';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { apiRequest, ignoreBody, refreshSession } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { fetchMe } from '../api/sharedQueries';
import { clearSession, getAccessToken, getRefreshToken, onAccessTokenChange, storeSession } from '../api/tokenStore';
import { AuthContext, type AuthContextValue, type AuthStatus } from './authContext';

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [isRestoring, setIsRestoring] = useState(() => getRefreshToken() !== null);
  const [isSignedIn, setIsSignedIn] = useState(() => getAccessToken() !== null);

  useEffect(() => {
    const unsubscribe = onAccessTokenChange((token) => {
      setIsSignedIn(token !== null);
      if (token === null) queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    });
    if (getRefreshToken() && getAccessToken() === null) {
      void refreshSession().finally(() => setIsRestoring(false));
    } else {
      setIsRestoring(false);
    }
    return unsubscribe;
  }, [queryClient]);

  const meQuery = useQuery({
    queryKey: queryKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: isSignedIn,
  });

  const startSession = useCallback(
    async (tokens: SessionTokens) => {
      storeSession(tokens);
      await queryClient.invalidateQueries({ queryKey: queryKeys.setup });
    },
    [queryClient],
  );

  const login = useCallback(
    async (body: LoginBody) => {
      await startSession(
        await apiRequest('/api/auth/login', sessionTokensSchema, { method: 'POST', body, auth: false }),
      );
    },
    [startSession],
  );

  const register = useCallback(
    async (body: RegisterBody) => {
      const tokens = await apiRequest('/api/auth/register', sessionTokensSchema, { method: 'POST', body, auth: false });
      await startSession(tokens);
    },
    [startSession],
  );

  const acceptInvite = useCallback(
    async (body: AcceptInviteBody) => {
      const tokens = await apiRequest('/api/auth/accept-invite', sessionTokensSchema, {
        method: 'POST',
        body,
        auth: false,
      });
      await startSession(tokens);
    },
    [startSession],
  );

  const logout = useCallback(async () => {
    const refreshToken = getRefreshToken();
    try {
      if (getAccessToken()) {
        await apiRequest('/api/auth/logout', ignoreBody, {
          method: 'POST',
          body: refreshToken ? { refreshToken } : {},
        });
      }
    } catch {
      // The session ends locally whatever the server says.
    } finally {
      clearSession();
    }
  }, []);

  let status: AuthStatus;
  if (isRestoring) status = 'loading';
  else if (!isSignedIn) status = 'anonymous';
  else if (meQuery.data) status = 'authenticated';
  else if (meQuery.isError) status = 'error';
  else status = 'loading';

  const { refetch } = meQuery;
  const value = useMemo<AuthContextValue>(
    () => ({
      status,
      me: isSignedIn ? (meQuery.data ?? null) : null,
      error: meQuery.error,
      login,
      register,
      acceptInvite,
      logout,
      retry: () => void refetch(),
    }),
    [status, isSignedIn, meQuery.data, meQuery.error, login, register, acceptInvite, logout, refetch],
  );

  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
