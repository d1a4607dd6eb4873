// POST/GET/DELETE /api/v1/external-mcp/<serverId>/mcp: one registered server passed through over Streamable HTTP,
// stateless in both eras, with the studio's credentials for it; for API tokens that may use that server.
import { createMcpHandler } from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { App } from '../../../platform/http/app.js';
import { notFound } from '../../../platform/http/errors.js';
import type { ServerDirectory } from '../../servers/directory.js';
import type { ServerCalls } from '../../servers/serverCalls.js';
import type { Metering } from '../../usage/metering.js';
import { Exchange } from '../admission.js';
import { answerPlainCall, beginExchange, sdkRequest, sendResponse } from '../httpExchange.js';
import { InflightCalls } from '../inflightCalls.js';
import { plainToolCall } from '../plainToolCall.js';
import { tokenPrincipal } from '../routes.js';
import { proxiedServer } from './proxiedServer.js';
import { proxyServer, proxyToolCall } from './proxyServer.js';
import { ProxyUpstream, type UpstreamDescription } from './upstream.js';

export interface ProxyRouteDeps {
  /** Registrations as this process holds them (the calls work from the same). */
  directory: Pick<ServerDirectory, 'server'>;
  calls: ServerCalls;
  metering: Metering;
  /** `EXTERNAL_MCP_PROXY_TIMEOUT_MS`. */
  timeoutMs: number;
}

/** The requests whose answer states what the server offers, so they need the server's own capabilities. */
const HANDSHAKES: readonly unknown[] = ['initialize', 'server/discover'];

export function proxyRoutes(app: App, deps: ProxyRouteDeps): void {
  const { directory, calls, metering, timeoutMs } = deps;
  const inflight = new InflightCalls();
  const handler = createMcpHandler(
    ({ authInfo, era }) => {
      const { exchange, upstream, description } = authInfo?.extra ?? {};
      if (!(exchange instanceof Exchange) || !(upstream instanceof ProxyUpstream)) {
        throw new Error('proxy request without its exchange');
      }
      return proxyServer({
        upstream,
        exchange,
        era,
        inflight,
        ...(description ? { description: description as UpstreamDescription } : {}),
      });
    },
    { onerror: (err) => app.log.debug({ reason: err.message }, 'proxy request rejected') },
  );
  app.addHook('onClose', () => handler.close());

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/api/v1/external-mcp/:serverId/mcp',
    schema: { hide: true, params: z.object({ serverId: z.string().max(200) }) },
    handler: async (request, reply) => {
      const principal = tokenPrincipal(request);
      const { exchange, signal } = beginExchange(request, reply, principal);
      const server = await proxiedServer(directory, principal, request.params.serverId);
      if (!server) {
        exchange.deny(metering, request.body, 'not_found');
        throw notFound('MCP server');
      }
      await exchange.admit(metering, request.body, async (method, params) => {
        const target = method === 'resources/read' ? params.uri : params.name;
        return typeof target === 'string' ? { serverId: server.id, upstream: target } : undefined;
      });
      const upstream = new ProxyUpstream({ calls, principal, server, timeoutMs });
      const plain = plainToolCall(request.method, request.headers, request.body);
      if (plain) {
        const context = { upstream, exchange, era: plain.era, inflight };
        return answerPlainCall(reply, plain, signal, (call) => proxyToolCall(context, call));
      }
      // A server that cannot be reached fails the handshake over HTTP (502, 503 or 504), as a gateway does.
      const description = isHandshake(request.body) ? await upstream.describe(signal) : undefined;
      const [webRequest, options] = sdkRequest(request, signal, principal, { exchange, upstream, description });
      return sendResponse(reply, await handler.fetch(webRequest, options));
    },
  });
}

function isHandshake(body: unknown): boolean {
  return typeof body === 'object' && body !== null && HANDSHAKES.includes((body as { method?: unknown }).method);
}
