// /api/servers/:id/{tools,resources,prompts,refresh}: what a server offers, from the studio's catalog.
import {
  catalogRefreshResultSchema,
  catalogToolsListSchema,
  idParamsSchema,
  mcpPromptsListSchema,
  mcpResourcesListSchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../../platform/http/app.js';
import { principalOf, requires } from '../../../platform/http/guard.js';
import type { CatalogService } from './catalogService.js';

const tags = ['servers'];
const params = idParamsSchema;

export function catalogRoutes(app: App, catalog: CatalogService): void {
  app.get(
    '/api/servers/:id/tools',
    { schema: { tags, params, response: { 200: catalogToolsListSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => catalog.tools(principalOf(request).orgId, request.params.id),
  );

  app.get(
    '/api/servers/:id/resources',
    { schema: { tags, params, response: { 200: mcpResourcesListSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => catalog.resources(principalOf(request).orgId, request.params.id),
  );

  app.get(
    '/api/servers/:id/prompts',
    { schema: { tags, params, response: { 200: mcpPromptsListSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => catalog.prompts(principalOf(request).orgId, request.params.id),
  );

  app.post(
    '/api/servers/:id/refresh',
    {
      schema: { tags, params, response: { 200: catalogRefreshResultSchema } },
      onRequest: requires('update', 'McpServer'),
    },
    (request) => catalog.refresh(principalOf(request).orgId, request.params.id),
  );

  app.post(
    '/api/servers/:id/tools/:name/acknowledge',
    {
      schema: {
        tags,
        params: idParamsSchema.extend({ name: z.string().min(1).max(128) }),
        response: { 204: z.null() },
      },
      onRequest: requires('update', 'McpServer'),
    },
    async (request, reply) => {
      await catalog.acknowledge(principalOf(request).orgId, request.params.id, request.params.name);
      return reply.status(204).send(null);
    },
  );
}
