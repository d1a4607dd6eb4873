// /api/servers: MCP server registrations. ADMINs register and change them; every member reads them.
import {
  connectionTestResultSchema,
  createServerBodySchema,
  getPromptBodySchema,
  getPromptResultSchema,
  idParamsSchema,
  readResourceBodySchema,
  readResourceResultSchema,
  serverLogsSchema,
  serverSchema,
  serversListSchema,
  updateServerBodySchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import { toolCallRoutes } from './callRoutes.js';
import type { ConnectionTester } from './connectionTest.js';
import type { ServerCalls } from './serverCalls.js';
import type { ServerService } from './service.js';

const tags = ['servers'];
const params = idParamsSchema;

export function serverRoutes(app: App, servers: ServerService, tester: ConnectionTester, calls: ServerCalls): void {
  toolCallRoutes(app, calls);

  app.post(
    '/api/servers/:id/resources/read',
    {
      schema: { tags, params, body: readResourceBodySchema, response: { 200: readResourceResultSchema } },
      onRequest: requires('use', 'McpServer'),
    },
    (request) =>
      calls.readResource(principalOf(request), request.params.id, request.body.uri, { requestId: request.id }),
  );

  app.post(
    '/api/servers/:id/prompts/:name/get',
    {
      schema: {
        tags,
        params: idParamsSchema.extend({ name: z.string().min(1).max(128) }),
        body: getPromptBodySchema,
        response: { 200: getPromptResultSchema },
      },
      onRequest: requires('use', 'McpServer'),
    },
    (request) =>
      calls.getPrompt(principalOf(request), request.params.id, request.params.name, request.body.arguments, {
        requestId: request.id,
      }),
  );

  app.get(
    '/api/servers/:id/logs',
    {
      schema: { tags, params, response: { 200: serverLogsSchema } },
      onRequest: requires('update', 'McpServer'),
    },
    (request) => calls.logs(principalOf(request), request.params.id),
  );

  app.post(
    '/api/servers/:id/restart',
    { schema: { tags, params, response: { 204: z.null() } }, onRequest: requires('update', 'McpServer') },
    async (request, reply) => {
      await calls.restart(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/servers/test',
    {
      schema: { tags, body: createServerBodySchema, response: { 200: connectionTestResultSchema } },
      onRequest: requires('create', 'McpServer'),
    },
    (request) => tester.testUnsaved(principalOf(request), request.body),
  );

  app.post(
    '/api/servers/:id/test',
    {
      schema: { tags, params, response: { 200: connectionTestResultSchema } },
      onRequest: requires('update', 'McpServer'),
    },
    async (request) => {
      const principal = principalOf(request);
      const result = await tester.testSaved(await servers.get(principal, request.params.id), principal.orgId);
      await servers.recordCheck(principal, request.params.id, result);
      return result;
    },
  );

  app.post(
    '/api/servers',
    {
      schema: { tags, body: createServerBodySchema, response: { 201: serverSchema } },
      onRequest: requires('create', 'McpServer'),
    },
    async (request, reply) =>
      reply.status(201).send(await servers.create(principalOf(request), request.body, request.ip)),
  );

  app.get(
    '/api/servers',
    { schema: { tags, response: { 200: serversListSchema } }, onRequest: requires('read', 'McpServer') },
    async (request) => ({ servers: await servers.list(principalOf(request)) }),
  );

  app.get(
    '/api/servers/:id',
    { schema: { tags, params, response: { 200: serverSchema } }, onRequest: requires('read', 'McpServer') },
    (request) => servers.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/servers/:id',
    {
      schema: { tags, params, body: updateServerBodySchema, response: { 200: serverSchema } },
      onRequest: requires('update', 'McpServer'),
    },
    (request) => servers.update(principalOf(request), request.params.id, request.body, request.ip),
  );

  app.delete(
    '/api/servers/:id',
    { schema: { tags, params, response: { 204: z.null() } }, onRequest: requires('delete', 'McpServer') },
    async (request, reply) => {
      await servers.delete(principalOf(request), request.params.id, request.ip);
      return reply.status(204).send(null);
    },
  );
}
