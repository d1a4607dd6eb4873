// /api/agents: provisioning (master token), and each agent's own record (its token too).
import {
  agentSchema,
  agentsListSchema,
  createAgentBodySchema,
  createdAgentSchema,
  syncAgentsBodySchema,
  syncAgentsResultSchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import { requireAgent, requireMaster } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import type { AgentService } from './service.js';

export const agentParams = z.object({ id: z.uuid() });

export function agentRoutes(app: App, agents: AgentService): void {
  app.post(
    '/api/agents',
    { schema: { body: createAgentBodySchema, response: { 201: createdAgentSchema } } },
    async (request, reply) => {
      requireMaster(request);
      return reply.status(201).send(await agents.create(request.body));
    },
  );

  app.get('/api/agents', { schema: { response: { 200: agentsListSchema } } }, async (request) => {
    const caller = request.caller;
    if (caller?.kind === 'agent') return { agents: [await agents.get(caller.agentId)] };
    requireMaster(request);
    return { agents: await agents.list() };
  });

  app.post(
    '/api/agents/sync',
    { schema: { body: syncAgentsBodySchema, response: { 200: syncAgentsResultSchema } } },
    async (request) => {
      requireMaster(request);
      return agents.sync(request.body.agents);
    },
  );

  app.get('/api/agents/:id', { schema: { params: agentParams, response: { 200: agentSchema } } }, async (request) => {
    requireAgent(request, request.params.id);
    return agents.get(request.params.id);
  });

  app.delete('/api/agents/:id', { schema: { params: agentParams } }, async (request, reply) => {
    requireMaster(request);
    await agents.delete(request.params.id);
    return reply.status(204).send();
  });

  for (const [action, status] of [
    ['activate', 'active'],
    ['suspend', 'suspended'],
  ] as const) {
    app.post(
      `/api/agents/:id/${action}`,
      { schema: { params: agentParams, response: { 200: agentSchema } } },
      async (request) => {
        requireMaster(request);
        return agents.setStatus(request.params.id, status);
      },
    );
  }
}
