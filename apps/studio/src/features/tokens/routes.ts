// /api/tokens: personal API tokens.
import {
  apiTokenSchema,
  createdTokenSchema,
  createTokenBodySchema,
  idParamsSchema,
  tokensListSchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import type { TokenService } from './service.js';

const tags = ['tokens'];

export function tokenRoutes(app: App, tokens: TokenService): void {
  app.post(
    '/api/tokens',
    {
      schema: { tags, body: createTokenBodySchema, response: { 201: createdTokenSchema } },
      onRequest: requires('create', 'ApiToken'),
    },
    async (request, reply) => reply.status(201).send(await tokens.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/tokens',
    {
      schema: {
        tags,
        querystring: z.object({ scope: z.enum(['mine', 'org']).default('mine') }),
        response: { 200: tokensListSchema },
      },
      onRequest: requires('read', 'ApiToken'),
    },
    async (request) => ({ tokens: await tokens.list(principalOf(request), request.query.scope) }),
  );

  app.post(
    '/api/tokens/:id/revoke',
    {
      schema: { tags, params: idParamsSchema, response: { 200: apiTokenSchema } },
      onRequest: requires('update', 'ApiToken'),
    },
    (request) => tokens.revoke(principalOf(request), request.params.id),
  );

  app.delete(
    '/api/tokens/:id',
    {
      schema: { tags, params: idParamsSchema, response: { 204: z.null() } },
      onRequest: requires('delete', 'ApiToken'),
    },
    async (request, reply) => {
      await tokens.delete(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
