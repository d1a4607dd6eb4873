// POST/GET/DELETE /mcp: the gateway over Streamable HTTP, stateless, for API tokens only.
import { createMcpHandler } from '@modelcontextprotocol/server';
import { Principal } from '../../platform/auth/principal.js';
import type { App } from '../../platform/http/app.js';
import { AppError } from '../../platform/http/errors.js';
import { InflightCalls } from './inflightCalls.js';
import { gatewayServer } from './mcpServer.js';
import type { GatewayService } from './service.js';

const WWW_AUTHENTICATE = 'Bearer realm="mcp-agent-studio", error="invalid_token"';

export function gatewayRoutes(app: App, gateway: GatewayService): void {
  // One handler for every request: it builds a server per exchange (both eras), so no session ties a client to a replica.
  const inflight = new InflightCalls();
  const handler = createMcpHandler(
    ({ authInfo, era }) => {
      const principal = authInfo?.extra?.principal;
      if (!(principal instanceof Principal)) throw new Error('gateway request without a principal');
      return gatewayServer({ gateway, principal, era, inflight });
    },
    { onerror: (err) => app.log.debug({ reason: err.message }, 'gateway request rejected') },
  );
  app.addHook('onClose', () => handler.close());

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    schema: { hide: true },
    handler: async (request, reply) => {
      const principal = request.principal;
      if (principal?.kind !== 'api_token') {
        throw new AppError('unauthorized', 401, 'An API token is required: Authorization: Bearer mcps_…', undefined, {
          'www-authenticate': WWW_AUTHENTICATE,
        });
      }
      // The client going away aborts the exchange, which cancels the upstream call it was waiting for.
      const abort = new AbortController();
      reply.raw.on('close', () => abort.abort());
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
        extra: { principal },
      };
      const response = await handler.fetch(webRequest, hasBody ? { authInfo, parsedBody: request.body } : { authInfo });
      return reply.send(response);
    },
  });
}
