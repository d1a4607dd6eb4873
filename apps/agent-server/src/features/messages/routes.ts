// POST /v1/messages and /v1/messages/count_tokens (an agent's own token) relayed to the model API, and
// GET /api/agents/:id/usage.
import { agentUsageQuerySchema, agentUsageReportSchema, messagesRequestSchema } from '@mcp-studio/protocol';
import type { FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AgentServerConfig } from '../../config.js';
import { callingAgent, requireAgent } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import { NodeError } from '../../platform/http/errors.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import { agentParams } from '../agents/routes.js';
import type { AgentService } from '../agents/service.js';
import { sendAnthropicError } from './anthropicErrors.js';
import { MESSAGES_MAX_BODY_BYTES, MessagesRelay, type RelayPath } from './relay.js';
import { UsageMeter } from './usageMeter.js';

/** Messages, and the token count Claude Code asks for before it sends one. */
const RELAYED_PATHS: RelayPath[] = ['/v1/messages', '/v1/messages/count_tokens'];

declare module 'fastify' {
  interface FastifyInstance {
    /** The Messages relay's token counter (tests flush it). */
    usageMeter: UsageMeter;
  }
}

export interface MessagesDeps {
  config: AgentServerConfig;
  state: StateStore;
  agents: AgentService;
  now: () => Date;
}

const header = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The relay's routes, its usage counter, and the final flush of that counter when the node closes. */
export function registerMessages(app: App, deps: MessagesDeps): void {
  const meter = new UsageMeter({
    state: deps.state,
    now: deps.now,
    onFlushError: (err) => app.log.error({ err }, 'could not write model usage'),
  });
  const relay = new MessagesRelay({
    agents: deps.agents,
    meter,
    baseUrl: deps.config.anthropicBaseUrl,
    log: app.log,
  });
  app.decorate('usageMeter', meter);
  app.addHook('onClose', async () => meter.close());

  // Its own scope: a JSON parser that keeps the exact bytes to forward, and errors in Anthropic's shape.
  app.register(async (scope) => relayRoutes(scope.withTypeProvider<ZodTypeProvider>(), relay, deps.agents));

  app.get(
    '/api/agents/:id/usage',
    { schema: { params: agentParams, querystring: agentUsageQuerySchema, response: { 200: agentUsageReportSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      deps.agents.place(request.params.id);
      return meter.report(request.params.id, request.query.from, request.query.to);
    },
  );
}

function relayRoutes(scope: App, relay: MessagesRelay, agents: AgentService): void {
  const rawBodies = new WeakMap<FastifyRequest, Buffer>();
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: MESSAGES_MAX_BODY_BYTES },
    (request, body, done) => {
      const bytes = body as Buffer;
      rawBodies.set(request, bytes);
      try {
        done(null, JSON.parse(bytes.toString('utf8')));
      } catch {
        done(new NodeError('invalid_json', 400, 'The body is not valid JSON'), undefined);
      }
    },
  );
  scope.setErrorHandler(sendAnthropicError);

  for (const path of RELAYED_PATHS) {
    scope.post(
      path,
      {
        bodyLimit: MESSAGES_MAX_BODY_BYTES,
        schema: { body: messagesRequestSchema },
        // Who calls, and whether that agent may call the model now, is settled before a 32 MB body is read.
        onRequest: async (request) => {
          // Anthropic's SDKs send their key as x-api-key: an agent token there is as good as a bearer one.
          const apiKeyHeader = header(request, 'x-api-key');
          if (!request.caller && apiKeyHeader) {
            const agentId = agents.authenticate(apiKeyHeader);
            if (agentId) request.caller = { kind: 'agent', agentId };
          }
          relay.admit(callingAgent(request));
        },
      },
      async (request, reply) => {
        const controller = new AbortController();
        // The client went away before the answer was complete: stop the upstream request too.
        reply.raw.on('close', () => {
          if (!reply.raw.writableFinished) controller.abort();
        });
        const answer = await relay.relay({
          agentId: callingAgent(request),
          path,
          body: rawBodies.get(request) ?? Buffer.from(JSON.stringify(request.body)),
          model: request.body.model,
          query: request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : '',
          anthropicVersion: header(request, 'anthropic-version'),
          anthropicBeta: header(request, 'anthropic-beta'),
          signal: controller.signal,
        });
        reply.status(answer.status).headers(answer.headers);
        return reply.send(answer.kind === 'stream' ? answer.stream : answer.body);
      },
    );
  }
}
