// /api/credentials: the vault's HTTP surface. The value goes in on create/update and out only via /value.
import {
  createCredentialBodySchema,
  credentialAuditSchema,
  credentialSchema,
  credentialsListSchema,
  credentialValueSchema,
  idParamsSchema,
  shareCredentialBodySchema,
  updateCredentialBodySchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import type { CredentialService } from './service.js';

const tags = ['credentials'];
const params = idParamsSchema;

export function credentialRoutes(app: App, credentials: CredentialService): void {
  app.post(
    '/api/credentials',
    {
      schema: { tags, body: createCredentialBodySchema, response: { 201: credentialSchema } },
      onRequest: requires('create', 'Credential'),
    },
    async (request, reply) =>
      reply.status(201).send(await credentials.create(principalOf(request), request.body, request.ip)),
  );

  app.get(
    '/api/credentials',
    { schema: { tags, response: { 200: credentialsListSchema } }, onRequest: requires('read', 'Credential') },
    async (request) => ({ credentials: await credentials.list(principalOf(request)) }),
  );

  app.get(
    '/api/credentials/:id',
    { schema: { tags, params, response: { 200: credentialSchema } }, onRequest: requires('read', 'Credential') },
    (request) => credentials.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/credentials/:id',
    {
      schema: { tags, params, body: updateCredentialBodySchema, response: { 200: credentialSchema } },
      onRequest: requires('update', 'Credential'),
    },
    (request) => credentials.update(principalOf(request), request.params.id, request.body, request.ip),
  );

  app.delete(
    '/api/credentials/:id',
    { schema: { tags, params, response: { 204: z.null() } }, onRequest: requires('delete', 'Credential') },
    async (request, reply) => {
      await credentials.delete(principalOf(request), request.params.id, request.ip);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/credentials/:id/value',
    {
      schema: { tags, params, response: { 200: credentialValueSchema } },
      onRequest: requires('reveal', 'Credential'),
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return { value: await credentials.reveal(principalOf(request), request.params.id, request.ip) };
    },
  );

  app.post(
    '/api/credentials/:id/share',
    {
      schema: { tags, params, body: shareCredentialBodySchema, response: { 200: credentialSchema } },
      onRequest: requires('share', 'Credential'),
    },
    (request) => credentials.share(principalOf(request), request.params.id, request.body, request.ip),
  );

  app.post(
    '/api/credentials/:id/unshare',
    {
      schema: { tags, params, body: shareCredentialBodySchema, response: { 200: credentialSchema } },
      onRequest: requires('share', 'Credential'),
    },
    (request) => credentials.unshare(principalOf(request), request.params.id, request.body, request.ip),
  );

  app.get(
    '/api/credentials/:id/audit',
    { schema: { tags, params, response: { 200: credentialAuditSchema } }, onRequest: requires('read', 'Credential') },
    async (request) => ({ entries: await credentials.auditLog(principalOf(request), request.params.id) }),
  );
}
