// MCP over HTTP against a listening test studio, below the SDK client: API tokens and raw JSON-RPC posts.
import type { AddressInfo } from 'node:net';
import type { TranscriptEntry } from '@mcp-studio/protocol';
import type { App } from '../platform/http/app.js';
import { bearer, callApi } from './harness.js';

export type TextResult = { content: { type: string; text: string }[]; isError?: boolean };

/** A JSON-RPC answer: a result (a tool's, in these tests) or an error. */
export interface RpcAnswer {
  id?: number | string;
  result?: TextResult;
  error?: { code: number; message: string };
}

/** The base URL of a studio listening on 127.0.0.1. */
export const listeningUrl = (app: App) => `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** An `mcps_` API token of the holder of `accessToken`, with these permissions. */
export async function createApiToken(app: App, accessToken: string, permissions: string[]): Promise<string> {
  const res = await callApi(app, accessToken, 'POST', '/api/tokens', { name: 'mcp test', permissions });
  if (res.statusCode !== 201) throw new Error(`token creation failed: ${res.statusCode} ${res.body}`);
  return res.json().token;
}

/**
 * One JSON-RPC request posted as a 2025-era client would, with no handshake before it (the endpoints are
 * stateless); the answer is read from a JSON body or as the last event of a stream.
 */
export async function postJsonRpc(
  url: string,
  token: string,
  message: object,
): Promise<{ response: Response; answer?: RpcAnswer }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: {
      ...bearer(token),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    body: JSON.stringify({ jsonrpc: '2.0', ...message }),
  });
  const text = await response.text();
  if (!response.headers.get('content-type')?.includes('text/event-stream')) {
    return { response, answer: text ? (JSON.parse(text) as RpcAnswer) : undefined };
  }
  const events = text
    .split('\n')
    .filter((line) => line.startsWith('data: '))
    .map((line) => JSON.parse(line.slice('data: '.length)) as RpcAnswer);
  return { response, answer: events.at(-1) };
}

/** The same request through `app.inject`, without a listening port (many at once, cheaply). */
export function injectJsonRpc(app: App, token: string, message: object, url = '/mcp') {
  return app.inject({
    method: 'POST',
    url,
    headers: {
      ...bearer(token),
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
    },
    payload: { jsonrpc: '2.0', ...message },
  });
}

type JsonRpcMessage = { id?: number | string; method?: string; params?: Record<string, unknown> };

/**
 * Whether the server was sent `tools/call` for the long-running operation of this `duration` and then its
 * `notifications/cancelled`, as its JSON-RPC transcript (`GET /api/servers/:id/logs`) shows.
 */
export async function upstreamCancelled(app: App, accessToken: string, serverId: string, duration: number) {
  const res = await callApi(app, accessToken, 'GET', `/api/servers/${serverId}/logs`);
  if (res.statusCode !== 200) throw new Error(`logs failed: ${res.statusCode} ${res.body}`);
  const sent = (res.json().transcript as TranscriptEntry[])
    .filter((entry) => entry.direction === 'sent')
    .map((entry) => entry.message as JsonRpcMessage);
  const call = sent.findLast(
    (message) =>
      message.method === 'tools/call' &&
      (message.params?.arguments as { duration?: number } | undefined)?.duration === duration,
  );
  const cancelled = sent.some(
    (message) => message.method === 'notifications/cancelled' && message.params?.requestId === call?.id,
  );
  return { called: call !== undefined, cancelled: call !== undefined && cancelled };
}
