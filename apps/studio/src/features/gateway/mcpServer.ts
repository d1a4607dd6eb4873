// The MCP face of the gateway: a fresh SDK server per request, acting for one token's principal.
import { type CallToolResult, ProtocolError, ProtocolErrorCode, Server } from '@modelcontextprotocol/server';
import type { Principal } from '../../platform/auth/principal.js';
import { STUDIO_VERSION } from '../../version.js';
import type { Exchange } from './admission.js';
import type { InflightCalls } from './inflightCalls.js';
import { progressRelay } from './progressRelay.js';
import { servePromptsAndResources } from './promptsAndResourcesHandlers.js';
import { type GatewayScope, type GatewayService, ToolUseDeniedError, UnknownToolError } from './service.js';

export interface GatewayServerContext {
  gateway: GatewayService;
  principal: Principal;
  /** The HTTP exchange: its request id and the quota counts the route already took. */
  exchange: Exchange;
  /** 2025-era requests are served statelessly: their cancellation arrives as a separate request. */
  era: 'legacy' | 'modern';
  inflight: InflightCalls;
  /** Set on a virtual server's endpoint: only its tools, under its names. */
  scope?: GatewayScope;
}

export function gatewayServer(context: GatewayServerContext): Server {
  const { gateway, principal, exchange, era, inflight, scope } = context;
  // The low-level server: the tool set is the organization's, read per request, not registered up front.
  // Resources and prompts only at `/mcp`: a virtual server offers its tools and nothing else. Changes reach only
  // modern clients, over `subscriptions/listen`: a stateless 2025-era endpoint has no stream to send them on.
  const list = era === 'modern' ? { listChanged: true } : {};
  const capabilities = scope ? { tools: list } : { tools: list, resources: list, prompts: list };
  const server = new Server({ name: 'mcp-agent-studio', version: STUDIO_VERSION }, { capabilities });
  const callerId = principal.tokenId ?? principal.userId;
  if (era === 'legacy') {
    server.setNotificationHandler('notifications/cancelled', (notification) => {
      const { requestId } = notification.params;
      if (requestId !== undefined) inflight.cancel(callerId, requestId);
    });
  }

  server.setRequestHandler('tools/list', async () => ({ tools: await gateway.listTools(principal, scope) }));

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args = {} } = request.params;
    const { onProgress, drain } = progressRelay(ctx);
    const call = era === 'legacy' ? inflight.start(callerId, ctx.mcpReq.id) : undefined;
    try {
      const signal = call ? AbortSignal.any([ctx.mcpReq.signal, call.signal]) : ctx.mcpReq.signal;
      const options = {
        signal,
        requestId: exchange.requestId,
        admission: exchange.take(ctx.mcpReq.id),
        ...(onProgress ? { onProgress } : {}),
      };
      const result = await gateway.callTool(principal, name, args, options, scope);
      await drain();
      return server.projectCallToolResult(result as CallToolResult, undefined);
    } catch (err) {
      if (err instanceof UnknownToolError || err instanceof ToolUseDeniedError) {
        throw new ProtocolError(ProtocolErrorCode.InvalidParams, err.message);
      }
      throw err;
    } finally {
      call?.end();
    }
  });

  if (!scope) servePromptsAndResources(server, exchange, gateway);
  return server;
}
