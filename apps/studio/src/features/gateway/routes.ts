// POST/GET/DELETE /mcp and /mcp/v/<slug>: the gateway over Streamable HTTP, stateless, for API tokens only.
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import type { App } from '../../platform/http/app.js';
import { AppError } from '../../platform/http/errors.js';
import type { Metering } from '../usage/metering.js';
import { Exchange } from './admission.js';
import { InflightCalls } from './inflightCalls.js';
import { gatewayServer } from './mcpServer.js';
import type { GatewayService } from './service.js';
import { virtualEndpoint } from './virtual/endpoint.js';
import { VirtualScope } from './virtual/scope.js';

const WWW_AUTHENTICATE = 'Bearer realm="mcp-agent-studio", error="invalid_token"';

export function gatewayRoutes(app: App, gateway: GatewayService, metering: Metering, db: Db): void {
  // One handler for every request: it builds a server per exchange (both eras), so no session ties a client to a replica.
  const inflight = new InflightCalls();
  const handler = createMcpHandler(
    ({ authInfo, era }) => {
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
    },
    { onerror: (err) => app.log.debug({ reason: err.message }, 'gateway request rejected') },
  );
  app.addHook('onClose', () => handler.close());

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    handler: async (request, reply) => serve(request, reply, tokenPrincipal(request)),
  });

  // A virtual server: the same gateway behind its scope, reached with `mcp:virtual:<slug>` (or `mcp:*`, `*`).
  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp/v/:slug',
    schema: { hide: true, params: z.object({ slug: z.string().max(200) }) },
    handler: async (request, reply) => {
      const endpoint = await virtualEndpoint(db, tokenPrincipal(request), request.params.slug);
      return serve(request, reply, endpoint.principal, endpoint.scope);
    },
  });

  async function serve(request: FastifyRequest, reply: FastifyReply, principal: Principal, scope?: VirtualScope) {
    // The client going away aborts the exchange, which cancels the upstream call it was waiting for.
    const abort = new AbortController();
    const exchange = new Exchange(principal, request.id);
    reply.raw.on('close', () => {
      abort.abort();
      void exchange
        .releaseUnused()
        .catch((err) => request.log.warn({ err }, 'giving back an unused quota count failed'));
    });
    await exchange.admit(metering, request.body, (method, params) =>
      gateway.resolveMetered(principal, method, params, scope),
    );
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers)) {
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const hasBody = request.method === 'POST';
    const webRequest = new Request(new URL(request.url, `${request.protocol}://${request.host}`), {
      method: request.method,
      headers,
      signal: abort.signal,
      ...(hasBody ? { body: JSON.stringify(request.body ?? null) } : {}),
    });
    const authInfo = {
      token: principal.tokenId ?? '',
      clientId: principal.tokenId ?? '',
      scopes: principal.permissions ?? [],
      extra: { exchange, scope },
    };
    const response = await handler.fetch(webRequest, hasBody ? { authInfo, parsedBody: request.body } : { authInfo });
    return reply.send(response);
  }
}

function tokenPrincipal(request: FastifyRequest): Principal {
  const principal = request.principal;
  if (principal?.kind !== 'api_token') {
    throw new AppError('unauthorized', 401, 'An API token is required: Authorization: Bearer mcps_…', undefined, {
      'www-authenticate': WWW_AUTHENTICATE,
    });
  }
  return principal;
}
