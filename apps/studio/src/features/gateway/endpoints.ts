// The MCP endpoints by route pattern: how the metrics name them, and which answers only programs read.
import type { GatewayEndpoint } from '../../platform/metrics.js';

/** Route patterns, not URLs: a slug or server id in a metric label would grow a series per caller's choice. */
export const MCP_ROUTES: Readonly<Record<string, GatewayEndpoint>> = {
  '/mcp': 'mcp',
  '/mcp/v/:slug': 'virtual',
  '/api/v1/external-mcp/:serverId/mcp': 'proxy',
};

export const isMcpRoute = (route: string): boolean => Object.hasOwn(MCP_ROUTES, route);
