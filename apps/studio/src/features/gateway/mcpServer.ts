// The MCP face of the gateway: a fresh SDK server per request, acting for one token's principal.
import { Server } from '@modelcontextprotocol/server';
import { STUDIO_IMPLEMENTATION } from '../../version.js';
import { progressRelay } from './progressRelay.js';
import { servePromptsAndResources } from './promptsAndResourcesHandlers.js';
import { callerOf, callGatewayTool, type ToolCallContext } from './toolCall.js';

/** The SDK server for one exchange, built for one token's principal. */
export function gatewayServer(context: ToolCallContext): Server {
  const { gateway, principal, exchange, era, inflight, scope } = context;
  // The low-level server: the tool set is the organization's, read per request, not registered up front.
  // Resources and prompts only at `/mcp`: a virtual server offers its tools and nothing else. Changes reach only
  // modern clients, over `subscriptions/listen`: a stateless 2025-era endpoint has no stream to send them on.
  const list = era === 'modern' ? { listChanged: true } : {};
  const capabilities = scope ? { tools: list } : { tools: list, resources: list, prompts: list };
  const server = new Server(STUDIO_IMPLEMENTATION, { capabilities });
  if (era === 'legacy') {
    server.setNotificationHandler('notifications/cancelled', (notification) => {
      const { requestId } = notification.params;
      if (requestId !== undefined) inflight.cancel(callerOf(principal), requestId);
    });
  }

  server.setRequestHandler('tools/list', async () => ({ tools: await gateway.listTools(principal, scope) }));

  server.setRequestHandler('tools/call', async (request, ctx) => {
    const { name, arguments: args = {} } = request.params;
    const { onProgress, drain } = progressRelay(ctx);
    const call = { id: ctx.mcpReq.id, name, args, signal: ctx.mcpReq.signal, onProgress };
    const result = await callGatewayTool(context, call);
    await drain();
    return server.projectCallToolResult(result, undefined);
  });

  if (!scope) servePromptsAndResources(server, exchange, gateway);
  return server;
}
