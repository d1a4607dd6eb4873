// Tool calls as server-sent events: progress while the tool runs, then its result or an error; aborting cancels it.
import {
  type CallToolResult,
  callToolResultSchema,
  errorBodySchema,
  type ToolCallProgress,
  toolCallProgressSchema,
} from '@mcp-studio/protocol';
import { createParser, type EventSourceMessage } from 'eventsource-parser';
import i18next from 'i18next';
import { ApiError, networkError, toApiError } from '../../../api/apiError';
import { refreshSession } from '../../../api/client';
import { getAccessToken, getRefreshToken } from '../../../api/tokenStore';

type Outcome = { result: CallToolResult } | { error: ApiError };

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function unexpected(): ApiError {
  return new ApiError(502, 'unexpected_response', i18next.t('serverExplorer.call.unexpectedStream'));
}

/** The outcome an event settles the call with, or null for progress (reported) and anything unknown (ignored). */
function settle(event: EventSourceMessage, onProgress: (progress: ToolCallProgress) => void): Outcome | null {
  const data = parseJson(event.data);
  switch (event.event) {
    case 'progress': {
      const progress = toolCallProgressSchema.safeParse(data);
      if (progress.success) onProgress(progress.data);
      return null;
    }
    case 'result': {
      const result = callToolResultSchema.safeParse(data);
      return result.success ? { result: result.data } : { error: unexpected() };
    }
    case 'error': {
      // The stream's error is the API's error body; a request id is optional here, as the status line was 200.
      const body = errorBodySchema.shape.error.safeParse((data as { error?: unknown } | undefined)?.error);
      if (!body.success) return { error: unexpected() };
      const requestId = (data as { requestId?: unknown }).requestId;
      return {
        error: new ApiError(
          502,
          body.data.code,
          body.data.message,
          typeof requestId === 'string' ? requestId : undefined,
          body.data.details,
        ),
      };
    }
    default:
      return null;
  }
}

/**
 * Reads a tool call's event stream: each progress event goes to `onProgress`, the result is returned and an error
 * event is thrown as an ApiError. A stream that ends before either is an error too.
 */
export async function readToolCallStream(
  body: ReadableStream<Uint8Array>,
  onProgress: (progress: ToolCallProgress) => void,
): Promise<CallToolResult> {
  let outcome: Outcome | null = null;
  const parser = createParser({
    onEvent: (event) => {
      outcome ??= settle(event, onProgress);
    },
  });
  const reader = body.getReader();
  const decoder = new TextDecoder();
  try {
    while (!outcome) {
      const { done, value } = await reader.read();
      if (done) break;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
  } finally {
    // The studio closes the stream after the result; releasing early only matters for a misbehaving peer.
    void reader.cancel().catch(() => undefined);
  }
  const settled = outcome as Outcome | null;
  if (!settled) throw new ApiError(502, 'stream_ended', i18next.t('serverExplorer.call.streamEnded'));
  if ('error' in settled) throw settled.error;
  return settled.result;
}

export interface ToolCallRequest {
  serverId: string;
  toolName: string;
  arguments: Record<string, unknown>;
  signal: AbortSignal;
  onProgress(progress: ToolCallProgress): void;
}

async function post(path: string, body: string, signal: AbortSignal, token: string | null): Promise<Response> {
  const headers: Record<string, string> = { accept: 'text/event-stream', 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(path, { method: 'POST', headers, body, signal });
  } catch (error) {
    if (signal.aborted) throw error;
    throw networkError();
  }
}

/**
 * Calls a tool with progress. Errors found before the stream starts (invalid arguments, a disabled tool or server)
 * arrive as ordinary JSON error responses; a 401 is retried once with a refreshed session, like every API request.
 */
export async function streamToolCall(request: ToolCallRequest): Promise<CallToolResult> {
  const path = `/api/servers/${encodeURIComponent(request.serverId)}/tools/${encodeURIComponent(request.toolName)}/call`;
  const body = JSON.stringify({ arguments: request.arguments });
  if (getAccessToken() === null && getRefreshToken()) await refreshSession();
  const tokenUsed = getAccessToken();
  let response = await post(path, body, request.signal, tokenUsed);
  if (response.status === 401 && getRefreshToken()) {
    const hasFreshToken = getAccessToken() !== tokenUsed || (await refreshSession());
    if (hasFreshToken) response = await post(path, body, request.signal, getAccessToken());
  }
  if (!response.ok) throw await toApiError(response);
  const contentType = response.headers.get('content-type') ?? '';
  if (contentType.includes('text/event-stream') && response.body) {
    return readToolCallStream(response.body, request.onProgress);
  }
  // A studio that does not stream answers with the plain JSON result.
  const result = callToolResultSchema.safeParse(await response.json().catch(() => undefined));
  if (!result.success) throw unexpected();
  return result.data;
}
