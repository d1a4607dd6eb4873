// One HTTP request to an MCP endpoint (/mcp, /mcp/v/<slug>, the proxy) handed to the SDK's fetch-style handler.
import type { CallToolResult, McpHandlerRequestOptions } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../../platform/auth/principal.js';
import { Exchange } from './admission.js';
import { type PlainToolCall, toolCallAnswer, toolCallError } from './plainToolCall.js';
import type { ToolCallRequest } from './toolCall.js';

/**
 * The exchange of a request and the signal that ends it. The client going away aborts the exchange (which cancels
 * the upstream call it was waiting for) and gives back the quota counts no call used.
 */
export function beginExchange(
  request: FastifyRequest,
  reply: FastifyReply,
  principal: Principal,
): { exchange: Exchange; signal: AbortSignal } {
  const abort = new AbortController();
  const exchange = new Exchange(principal, request.id);
  reply.raw.on('close', () => {
    // A finished answer has nothing left to cancel (and an abort would wake every listener for nothing).
    if (!reply.raw.writableFinished) abort.abort();
    void exchange.releaseUnused().catch((err) => request.log.warn({ err }, 'giving back an unused quota count failed'));
  });
  return { exchange, signal: abort.signal };
}

/** The web-standard Request and options the SDK handler takes; `extra` reaches the server factory via authInfo. */
export function sdkRequest(
  request: FastifyRequest,
  signal: AbortSignal,
  principal: Principal,
  extra: Record<string, unknown>,
): [Request, McpHandlerRequestOptions] {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  // No body: Fastify has parsed it already, and the SDK takes it as `parsedBody` rather than reading it again.
  const hasBody = request.method === 'POST';
  const webRequest = new Request(new URL(request.url, `${request.protocol}://${request.host}`), {
    method: request.method,
    headers,
    signal,
  });
  const authInfo = {
    token: principal.tokenId ?? '',
    clientId: principal.tokenId ?? '',
    scopes: principal.permissions ?? [],
    extra,
  };
  return [webRequest, hasBody ? { authInfo, parsedBody: request.body } : { authInfo }];
}

/**
 * Sends the SDK's answer. A JSON answer (most are) goes out as one string with its length; an event stream is
 * streamed as it comes.
 */
export async function sendResponse(reply: FastifyReply, response: Response): Promise<FastifyReply> {
  if (!response.headers.get('content-type')?.startsWith('application/json')) return reply.send(response);
  reply.code(response.status);
  response.headers.forEach((value, name) => {
    reply.header(name, value);
  });
  return reply.send(await response.text());
}

/** A plain `tools/call` answered with JSON, without an SDK server (see plainToolCall.ts): `call` makes the call. */
export async function answerPlainCall(
  reply: FastifyReply,
  plain: PlainToolCall,
  signal: AbortSignal,
  call: (request: ToolCallRequest) => Promise<CallToolResult>,
): Promise<FastifyReply> {
  let answer: string;
  try {
    answer = toolCallAnswer(plain, await call({ id: plain.id, name: plain.name, args: plain.args, signal }));
  } catch (err) {
    answer = toolCallError(plain, err);
  }
  return reply.type('application/json').send(answer);
}
