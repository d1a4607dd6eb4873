// Counts the JSON-RPC messages reaching each MCP endpoint, from one hook, so the gateway's routes stay unaware of it.
import type { App } from '../../platform/http/app.js';
import type { GatewayEndpoint, StudioMetrics } from '../../platform/metrics.js';

/** Route patterns, not URLs: a slug or server id in the label would grow a series per caller's choice. */
const ENDPOINTS: Readonly<Record<string, GatewayEndpoint>> = {
  '/mcp': 'mcp',
  '/mcp/v/:slug': 'virtual',
  '/api/v1/external-mcp/:serverId/mcp': 'proxy',
};

export function countGatewayRequests(app: App, metrics: StudioMetrics): void {
  app.addHook('onResponse', async (request) => {
    const endpoint = request.routeOptions.url && ENDPOINTS[request.routeOptions.url];
    if (!endpoint) return;
    const messages = Array.isArray(request.body) ? request.body : [request.body];
    metrics.countGatewayRequest(
      endpoint,
      messages.map((message) =>
        typeof message === 'object' && message !== null ? (message as { method?: unknown }).method : undefined,
      ),
    );
  });
}
