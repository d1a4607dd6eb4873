// POST/GET/DELETE /mcp: the agent's tools over Streamable HTTP, stateless, for the agent's own token only.
import { createMcpHandler } from '@modelcontextprotocol/server';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { callingAgent } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import { type AgentToolsDeps, agentToolServer } from './agentTools.js';

export function agentMcpRoutes(app: App, deps: AgentToolsDeps): void {
  const handler = createMcpHandler(({ authInfo }) => {
    const agentId = authInfo?.extra?.agentId;
    if (typeof agentId !== 'string') throw new Error('an /mcp request without an agent');
    return agentToolServer(agentId, deps);
  });
  app.addHook('onClose', () => handler.close());

  app.route({
    method: ['GET', 'POST', 'DELETE'],
    url: '/mcp',
    handler: async (request, reply) => {
      const agentId = callingAgent(request);
      const authInfo = { token: '', clientId: agentId, scopes: [], extra: { agentId } };
      const hasBody = request.method === 'POST';
      const response = await handler.fetch(
        webRequest(request, reply),
        hasBody ? { authInfo, parsedBody: request.body } : { authInfo },
      );
      return reply.send(response);
    },
  });
}

/** The web-standard Request the SDK handler takes, with the body Fastify already parsed. */
function webRequest(request: FastifyRequest, reply: FastifyReply): Request {
  const headers = new Headers();
  for (const [key, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  // The client leaving (the response closing early) cancels what the tool was doing.
  const abort = new AbortController();
  reply.raw.once('close', () => abort.abort());
  return new Request(new URL(request.url, `http://${request.host}`), {
    method: request.method,
    headers,
    signal: abort.signal,
    ...(request.method === 'POST' ? { body: JSON.stringify(request.body ?? null) } : {}),
  });
}
