// /api/agents/:id/fs/*: the agent's files, for the master token (the studio) and the agent's own token.
import {
  fsDeleteQuerySchema,
  fsEntrySchema,
  fsFileSchema,
  fsListSchema,
  fsMkdirBodySchema,
  fsMoveBodySchema,
  fsPathQuerySchema,
  fsSearchQuerySchema,
  fsSearchSchema,
  fsTreeQuerySchema,
  fsTreeSchema,
  fsWriteBodySchema,
} from '@mcp-studio/protocol';
import { requireAgent } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import { agentParams } from '../agents/routes.js';
import type { FileService } from './service.js';

export function fileRoutes(app: App, files: FileService): void {
  const base = '/api/agents/:id/fs';

  app.get(
    `${base}/list`,
    { schema: { params: agentParams, querystring: fsPathQuerySchema, response: { 200: fsListSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.list(request.params.id, request.query.path);
    },
  );

  app.get(
    `${base}/tree`,
    { schema: { params: agentParams, querystring: fsTreeQuerySchema, response: { 200: fsTreeSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.tree(request.params.id, request.query.path, request.query.depth);
    },
  );

  app.get(
    `${base}/read`,
    { schema: { params: agentParams, querystring: fsPathQuerySchema, response: { 200: fsFileSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.read(request.params.id, request.query.path);
    },
  );

  app.put(
    `${base}/write`,
    { schema: { params: agentParams, body: fsWriteBodySchema, response: { 200: fsEntrySchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.write(request.params.id, request.body);
    },
  );

  app.post(
    `${base}/mkdir`,
    { schema: { params: agentParams, body: fsMkdirBodySchema, response: { 201: fsEntrySchema } } },
    async (request, reply) => {
      requireAgent(request, request.params.id);
      return reply.status(201).send(await files.mkdir(request.params.id, request.body.path));
    },
  );

  app.delete(base, { schema: { params: agentParams, querystring: fsDeleteQuerySchema } }, async (request, reply) => {
    requireAgent(request, request.params.id);
    await files.remove(request.params.id, request.query.path, request.query.recursive);
    return reply.status(204).send();
  });

  app.post(
    `${base}/rename`,
    { schema: { params: agentParams, body: fsMoveBodySchema, response: { 200: fsEntrySchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.rename(request.params.id, request.body.from, request.body.to);
    },
  );

  app.post(
    `${base}/copy`,
    { schema: { params: agentParams, body: fsMoveBodySchema, response: { 201: fsEntrySchema } } },
    async (request, reply) => {
      requireAgent(request, request.params.id);
      return reply.status(201).send(await files.copy(request.params.id, request.body.from, request.body.to));
    },
  );

  app.get(
    `${base}/search`,
    { schema: { params: agentParams, querystring: fsSearchQuerySchema, response: { 200: fsSearchSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return files.search(request.params.id, request.query);
    },
  );
}
