// POST/GET/DELETE /mcp and /mcp/v/<slug>: the gateway over Streamable HTTP, stateless, for API tokens only.
import { createMcpHandler, type McpServerFactory } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { App } from '../../platform/http/app.js';
import { AppError } from '../../platform/http/errors.js';
import type { Metering } from '../usage/metering.js';
import { Exchange } from './admission.js';
import { type Audience, ChangeNotifications, tokenAudience, virtualAudience } from './changeNotifications.js';
import { answerPlainCall, beginExchange, sdkRequest, sendResponse } from './httpExchange.js';
import { InflightCalls } from './inflightCalls.js';
import { gatewayServer } from './mcpServer.js';
import { plainToolCall } from './plainToolCall.js';
import type { GatewayService } from './service.js';
import { callGatewayTool } from './toolCall.js';
import { virtualEndpoint } from './virtual/endpoint.js';
import { VirtualScope } from './virtual/scope.js';

const WWW_AUTHENTICATE = 'Bearer realm="mcp-agent-studio", error="invalid_token"';

export interface GatewayRouteDeps {
  gateway: GatewayService;
  metering: Metering;
  db: Db;
  bus: EventBus;
}

export function gatewayRoutes(app: App, deps: GatewayRouteDeps): void {
  const { gateway, metering, db, bus } = deps;
  // One handler for every request: it builds a server per exchange (both eras), so no session ties a client to a replica.
  const inflight = new InflightCalls();
  const factory: McpServerFactory = ({ authInfo, era }) => {
    const exchange = authInfo?.extra?.exchange;
    if (!(exchange instanceof Exchange)) throw new Error('gateway request without an exchange');
    const scope = authInfo?.extra?.scope;
    return gatewayServer({
      gateway,
      principal: exchange.principal,
      exchange,
      era,
      inflight,
      ...(scope instanceof VirtualScope ? { scope } : {}),
    });
  };
  const onerror = (err: Error) => app.log.debug({ reason: err.message }, 'gateway request rejected');
  const handler = createMcpHandler(factory, { onerror });
  // Only `subscriptions/listen` holds a stream open, on this replica; the other requests stay with the shared handler.
  const changes = new ChangeNotifications({ bus, factory, onerror });
  // Before the server closes: open listen streams would otherwise hold its connections until the clients leave.
  app.addHook('preClose', () => changes.close());
  app.addHook('onClose', () => handler.close());

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    handler: async (request, reply) => {
      const principal = tokenPrincipal(request);
      return serve(request, reply, principal, tokenAudience(principal));
    },
  });

  // A virtual server: the same gateway behind its scope, reached with `mcp:virtual:<slug>` (or `mcp:*`, `*`).
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp/v/:slug',
    schema: { hide: true, params: z.object({ slug: z.string().max(200) }) },
    handler: async (request, reply) => {
      const endpoint = await virtualEndpoint(db, tokenPrincipal(request), request.params.slug);
      const audience = virtualAudience(endpoint.principal.orgId, endpoint.id);
      return serve(request, reply, endpoint.principal, audience, endpoint.scope);
    },
  });

  async function serve(
    request: FastifyRequest,
    reply: FastifyReply,
    principal: Principal,
    audience: Audience,
    scope?: VirtualScope,
  ) {
    const { exchange, signal } = beginExchange(request, reply, principal);
    await exchange.admit(metering, request.body, (method, params) =>
      gateway.resolveMetered(principal, method, params, scope),
    );
    const context = { gateway, principal, exchange, inflight, ...(scope ? { scope } : {}) };
    const plain = plainToolCall(request.method, request.headers, request.body);
    if (plain)
      return answerPlainCall(reply, plain, signal, (call) => callGatewayTool({ ...context, era: plain.era }, call));
    const [webRequest, options] = sdkRequest(request, signal, principal, { exchange, scope });
    const serving = isListenRequest(request.body) ? changes.join(audience, signal) : handler;
    const response = await serving.fetch(webRequest, options);
    return sendResponse(reply, response);
  }
}

function isListenRequest(body: unknown): boolean {
  return typeof body === 'object' && body !== null && (body as { method?: unknown }).method === 'subscriptions/listen';
}

/** The API token's principal; anything else (no token, a dashboard session) is a 401 with WWW-Authenticate. */
export function tokenPrincipal(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal?.kind !== 'api_token') {
    throw new AppError('unauthorized', 401, 'An API token is required: Authorization: Bearer mcps_…', undefined, {
      'www-authenticate': WWW_AUTHENTICATE,
    });
  }
  return principal;
}
