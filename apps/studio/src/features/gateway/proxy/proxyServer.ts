// The MCP face of the per-server proxy: a fresh SDK server per request whose handlers forward to one server.
import { type CallToolResult, Server, type ServerCapabilities, type ServerContext } from '@modelcontextprotocol/server';
import { STUDIO_IMPLEMENTATION } from '../../../version.js';
import type { Exchange } from '../admission.js';
import type { InflightCalls } from '../inflightCalls.js';
import { progressRelay } from '../progressRelay.js';
import { callerOf, type ToolCallRequest } from '../toolCall.js';
import { asProxyError } from './protocolErrors.js';
import type { ProxyUpstream, UpstreamDescription } from './upstream.js';

export interface ProxyServerContext {
  upstream: ProxyUpstream;
  /** The HTTP exchange: its request id and the quota counts the route already took. */
  exchange: Exchange;
  /** 2025-era requests are served statelessly: their cancellation arrives as a separate request. */
  era: 'legacy' | 'modern';
  inflight: InflightCalls;
  /** Read for handshakes (initialize, server/discover) only, whose answer tells the client what the server offers. */
  description?: UpstreamDescription;
}

/**
 * Other requests are served with every forwardable capability, so each has a handler: a method the server lacks
 * gets the server's own answer (Method not found), and a request never waits for a handshake it does not need.
 */
const FORWARDABLE: ServerCapabilities = { tools: {}, resources: {}, prompts: {}, completions: {} };

export function proxyServer(context: ProxyServerContext): Server {
  const { upstream, exchange, era, inflight, description } = context;
  const capabilities = description ? mirrored(description.capabilities) : FORWARDABLE;
  const instructions = description?.instructions;
  const server = new Server(STUDIO_IMPLEMENTATION, { capabilities, ...(instructions ? { instructions } : {}) });
  if (era === 'legacy') {
    server.setNotificationHandler('notifications/cancelled', (notification) => {
      const { requestId } = notification.params;
      if (requestId !== undefined) inflight.cancel(callerIdOf(context), requestId);
    });
  }
  const forward = <T>(ctx: ServerContext, work: (signal: AbortSignal) => Promise<T>) =>
    forwardRequest(context, ctx.mcpReq.id, ctx.mcpReq.signal, work);
  const metered = (ctx: ServerContext, signal: AbortSignal) => ({
    signal,
    requestId: exchange.requestId,
    admission: exchange.take(ctx.mcpReq.id),
  });

  if (capabilities.tools) {
    server.setRequestHandler('tools/list', (request, ctx) =>
      forward(ctx, (signal) => upstream.list('tools/list', request.params, signal)),
    );
    server.setRequestHandler('tools/call', async (request, ctx) => {
      const { name, arguments: args = {} } = request.params;
      const { onProgress, drain } = progressRelay(ctx);
      const call = { id: ctx.mcpReq.id, name, args, signal: ctx.mcpReq.signal, ...(onProgress ? { onProgress } : {}) };
      const result = await proxyToolCall(context, call);
      await drain();
      return server.projectCallToolResult(result, undefined);
    });
  }
  if (capabilities.resources) {
    server.setRequestHandler('resources/list', (request, ctx) =>
      forward(ctx, (signal) => upstream.list('resources/list', request.params, signal)),
    );
    server.setRequestHandler('resources/templates/list', (request, ctx) =>
      forward(ctx, (signal) => upstream.list('resources/templates/list', request.params, signal)),
    );
    server.setRequestHandler('resources/read', (request, ctx) =>
      forward(ctx, (signal) => upstream.readResource(request.params.uri, metered(ctx, signal))),
    );
  }
  if (capabilities.prompts) {
    server.setRequestHandler('prompts/list', (request, ctx) =>
      forward(ctx, (signal) => upstream.list('prompts/list', request.params, signal)),
    );
    server.setRequestHandler('prompts/get', (request, ctx) =>
      forward(ctx, (signal) =>
        upstream.getPrompt(request.params.name, request.params.arguments ?? {}, metered(ctx, signal)),
      ),
    );
  }
  if (capabilities.completions) {
    server.setRequestHandler('completion/complete', (request, ctx) =>
      forward(ctx, (signal) => upstream.complete(request.params, signal)),
    );
  }
  return server;
}

/** One `tools/call` forwarded, as both faces of the proxy answer it: its SDK server and the plain path. */
export function proxyToolCall(context: ProxyServerContext, request: ToolCallRequest): Promise<CallToolResult> {
  const { upstream, exchange } = context;
  const { id, name, args, onProgress } = request;
  return forwardRequest(context, id, request.signal, (signal) => {
    const options = { signal, requestId: exchange.requestId, admission: exchange.take(id) };
    return upstream.callTool(name, args, onProgress ? { ...options, onProgress } : options) as Promise<CallToolResult>;
  });
}

/** Runs a forward under the request's cancellation (either era) and answers its failure as JSON-RPC. */
async function forwardRequest<T>(
  context: ProxyServerContext,
  id: string | number,
  requestSignal: AbortSignal,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const call = context.era === 'legacy' ? context.inflight.start(callerIdOf(context), id) : undefined;
  try {
    return await work(call ? AbortSignal.any([requestSignal, call.signal]) : requestSignal);
  } catch (err) {
    throw asProxyError(err);
  } finally {
    call?.end();
  }
}

/** JSON-RPC ids are unique per client connection only: one token may talk to several servers' proxies at once. */
const callerIdOf = ({ exchange, upstream }: ProxyServerContext) =>
  `${callerOf(exchange.principal)}\u0000${upstream.serverId}`;

/**
 * What the server offers, among what the proxy forwards. List changes and resource subscriptions are left out:
 * they need a session, which this stateless endpoint does not keep.
 */
function mirrored(upstream: ServerCapabilities): ServerCapabilities {
  return {
    ...(upstream.tools ? { tools: {} } : {}),
    ...(upstream.resources ? { resources: {} } : {}),
    ...(upstream.prompts ? { prompts: {} } : {}),
    ...(upstream.completions ? { completions: {} } : {}),
  };
}
