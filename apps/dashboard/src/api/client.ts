// Fetch wrapper for the studio API: bearer auth, one shared token refresh on 401, typed responses.
import { sessionTokensSchema } from '@mcp-studio/protocol';
import { ApiError, networkError, toApiError } from './apiError';
import { clearSession, getAccessToken, getRefreshToken, storeSession } from './tokenStore';

/** Anything with a zod-like `parse`; every response goes through one. */
export interface Parser<T> {
  parse(input: unknown): T;
}

/** For endpoints whose body the caller does not use (204, or an echo of what was sent). */
export const ignoreBody: Parser<void> = { parse: () => undefined };

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

interface RequestOptions {
  method?: Method;
  body?: unknown;
  /** Send the access token and refresh it on 401. Off for login, register and the like. */
  auth?: boolean;
  signal?: AbortSignal;
  /** What to ask for; JSON unless a download needs something else. */
  accept?: string;
}

let refreshing: Promise<boolean> | null = null;

async function exchangeRefreshToken(): Promise<boolean> {
  const refreshToken = getRefreshToken();
  if (!refreshToken) return false;
  let response: Response;
  try {
    response = await fetch('/api/auth/refresh', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ refreshToken }),
    });
  } catch {
    return false; // offline: keep the refresh token for the next attempt
  }
  if (!response.ok) {
    // 4xx: the token is spent, expired or revoked, so the session is over. 5xx: try again later.
    if (response.status < 500) clearSession();
    return false;
  }
  const parsed = sessionTokensSchema.safeParse(await response.json().catch(() => null));
  if (!parsed.success) return false;
  storeSession(parsed.data);
  return true;
}

/**
 * Rotates the refresh token for a new access token. Concurrent callers share one request, and tabs
 * take turns through a Web Lock, because presenting a spent refresh token revokes the whole session.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= exchangeWithLock().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function exchangeWithLock(): Promise<boolean> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  if (!locks) return exchangeRefreshToken();
  return await locks.request('mcps.refresh', exchangeRefreshToken);
}

async function send(path: string, options: RequestOptions, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: options.accept ?? 'application/json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw networkError();
  }
}

/** A successful response, after the bearer token and at most one refresh; a failure is thrown as an ApiError. */
async function authorizedResponse(path: string, options: RequestOptions): Promise<Response> {
  const useAuth = options.auth ?? true;
  if (useAuth && getAccessToken() === null && getRefreshToken()) await refreshSession();

  const tokenUsed = useAuth ? getAccessToken() : null;
  let response = await send(path, options, tokenUsed);
  if (response.status === 401 && useAuth && getRefreshToken()) {
    // Another request may already have refreshed while this one was in flight.
    const hasFreshToken = getAccessToken() !== tokenUsed || (await refreshSession());
    if (hasFreshToken) response = await send(path, options, getAccessToken());
  }
  if (response.status === 401 && useAuth && getAccessToken() !== null) clearSession();
  if (!response.ok) throw await toApiError(response);
  return response;
}

export async function apiRequest<T>(path: string, parser: Parser<T>, options: RequestOptions = {}): Promise<T> {
  const response = await authorizedResponse(path, options);
  if (response.status === 204) return parser.parse(undefined);

  const body: unknown = await response.json().catch(() => undefined);
  try {
    return parser.parse(body);
  } catch {
    throw new ApiError(response.status, 'unexpected_response', `Unexpected response from ${path}`);
  }
}

/**
 * A file the API answers as an attachment, fetched with the bearer token (a plain link could not send it), with the
 * name from its Content-Disposition when there is one.
 */
export async function apiDownload(path: string, accept = '*/*'): Promise<{ blob: Blob; filename: string | null }> {
  const response = await authorizedResponse(path, { accept });
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

export const api = {
  get: <T>(path: string, parser: Parser<T>, signal?: AbortSignal) => apiRequest(path, parser, { signal }),
  post: <T>(path: string, body: unknown, parser: Parser<T>) => apiRequest(path, parser, { method: 'POST', body }),
  patch: <T>(path: string, body: unknown, parser: Parser<T>) => apiRequest(path, parser, { method: 'PATCH', body }),
  delete: (path: string) => apiRequest(path, ignoreBody, { method: 'DELETE' }),
};
