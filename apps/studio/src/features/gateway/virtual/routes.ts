// /api/virtual-servers: CRUD for virtual servers. ADMINs write (the McpServer abilities), every member reads.
import {
  createVirtualServerBodySchema,
  idParamsSchema,
  updateVirtualServerBodySchema,
  virtualServerSchema,
  virtualServersListSchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../../platform/http/app.js';
import { principalOf, requires } from '../../../platform/http/guard.js';
import type { VirtualServerService } from './service.js';

const tags = ['virtual-servers'];
const params = idParamsSchema;

export function virtualServerRoutes(app: App, virtualServers: VirtualServerService): void {
  app.post(
    '/api/virtual-servers',
    {
      schema: { tags, body: createVirtualServerBodySchema, response: { 201: virtualServerSchema } },
      onRequest: requires('create', 'McpServer'),
    },
    async (request, reply) => reply.status(201).send(await virtualServers.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/virtual-servers',
    { schema: { tags, response: { 200: virtualServersListSchema } }, onRequest: requires('read', 'McpServer') },
    async (request) => ({ virtualServers: await virtualServers.list(principalOf(request)) }),
  );

  app.get(
    '/api/virtual-servers/:id',
    { schema: { tags, params, response: { 200: virtualServerSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => virtualServers.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/virtual-servers/:id',
    {
      schema: { tags, params, body: updateVirtualServerBodySchema, response: { 200: virtualServerSchema } },
      onRequest: requires('update', 'McpServer'),
    },
    (request) => virtualServers.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/virtual-servers/:id',
    { schema: { tags, params, response: { 204: z.null() } }, onRequest: requires('delete', 'McpServer') },
    async (request, reply) => {
      await virtualServers.delete(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
