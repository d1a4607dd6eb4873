// Counts the JSON-RPC messages reaching each MCP endpoint, from one hook, so the gateway's routes stay unaware of it.
import type { App } from '../../platform/http/app.js';
import type { StudioMetrics } from '../../platform/metrics.js';
import { MCP_ROUTES } from '../gateway/endpoints.js';

export function countGatewayRequests(app: App, metrics: StudioMetrics): void {
  app.addHook('onResponse', async (request) => {
    const endpoint = request.routeOptions.url && MCP_ROUTES[request.routeOptions.url];
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
