// /api/agent-servers: nodes of the organization. Every member reads them; ADMINs hand out registration tokens,
// attach, change and remove nodes. A node registers itself with its token and beats with its node token.
import {
  agentServerSchema,
  agentServersListSchema,
  attachAgentServerBodySchema,
  createdRegistrationTokenSchema,
  createRegistrationTokenBodySchema,
  heartbeatBodySchema,
  heartbeatResultSchema,
  idParamsSchema,
  registeredNodeSchema,
  registerNodeBodySchema,
  updateAgentServerBodySchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import { bearerFrom } from '../auth/authenticator.js';
import type { AgentServerService } from './service.js';

const tags = ['agent-servers'];
const params = idParamsSchema;

export function agentServerRoutes(app: App, service: AgentServerService): void {
  app.post(
    '/api/agent-servers/registration-tokens',
    {
      schema: { tags, body: createRegistrationTokenBodySchema, response: { 201: createdRegistrationTokenSchema } },
      onRequest: requires('create', 'AgentServer'),
    },
    async (request, reply) =>
      reply.status(201).send(await service.createRegistrationToken(principalOf(request), request.body)),
  );

  // No user here: the registration token in the body is the authorization.
  app.post(
    '/api/agent-servers/register',
    { schema: { tags, body: registerNodeBodySchema, response: { 201: registeredNodeSchema } } },
    async (request, reply) => reply.status(201).send(await service.register(request.body)),
  );

  app.post(
    '/api/agent-servers/:id/heartbeat',
    {
      schema: { tags, params, body: heartbeatBodySchema, response: { 200: heartbeatResultSchema } },
      // Counted per node, not per address: many nodes behind one NAT would otherwise share one allowance.
      config: { rateLimit: { keyGenerator: (request) => `agent-server:${(request.params as { id: string }).id}` } },
    },
    (request) => service.heartbeat(request.params.id, bearerFrom(request.headers.authorization), request.body),
  );

  app.post(
    '/api/agent-servers',
    {
      schema: { tags, body: attachAgentServerBodySchema, response: { 201: agentServerSchema } },
      onRequest: requires('create', 'AgentServer'),
    },
    async (request, reply) => reply.status(201).send(await service.attach(principalOf(request), request.body)),
  );

  app.get(
    '/api/agent-servers',
    { schema: { tags, response: { 200: agentServersListSchema } }, onRequest: requires('read', 'AgentServer') },
    async (request) => ({ agentServers: await service.list(principalOf(request)) }),
  );

  app.get(
    '/api/agent-servers/:id',
    { schema: { tags, params, response: { 200: agentServerSchema } }, onRequest: requires('read', 'AgentServer') },
    (request) => service.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/agent-servers/:id',
    {
      schema: { tags, params, body: updateAgentServerBodySchema, response: { 200: agentServerSchema } },
      onRequest: requires('update', 'AgentServer'),
    },
    (request) => service.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/agent-servers/:id',
    { schema: { tags, params, response: { 204: z.null() } }, onRequest: requires('delete', 'AgentServer') },
    async (request, reply) => {
      await service.delete(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
