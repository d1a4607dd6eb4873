// Where session tokens live: the access token only in memory, the refresh token in localStorage.
import type { SessionTokens } from '@mcp-studio/protocol';

const REFRESH_KEY = 'mcps.refresh';

type Listener = (accessToken: string | null) => void;

let accessToken: string | null = null;
let accessExpiresAt = 0;
const listeners = new Set<Listener>();

function notify(): void {
  for (const listener of listeners) listener(accessToken);
}

export function getAccessToken(): string | null {
  return accessToken;
}

/** True when the access token is missing or ends within `marginMs`. */
export function isAccessTokenStale(marginMs = 30_000): boolean {
  return accessToken === null || Date.now() + marginMs >= accessExpiresAt;
}

export function getRefreshToken(): string | null {
  try {
    return localStorage.getItem(REFRESH_KEY);
  } catch {
    return null;
  }
}

export function storeSession(tokens: Pick<SessionTokens, 'accessToken' | 'refreshToken' | 'expiresIn'>): void {
  accessToken = tokens.accessToken;
  accessExpiresAt = Date.now() + tokens.expiresIn * 1000;
  localStorage.setItem(REFRESH_KEY, tokens.refreshToken);
  notify();
}

export function clearSession(): void {
  accessToken = null;
  accessExpiresAt = 0;
  localStorage.removeItem(REFRESH_KEY);
  notify();
}

// Signing out in another tab removes the shared refresh token: end this tab's session too.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key === REFRESH_KEY && event.newValue === null && accessToken !== null) {
      accessToken = null;
      accessExpiresAt = 0;
      notify();
    }
  });
}

/** Called with the new access token (or null) whenever the session changes. */
export function onAccessTokenChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
