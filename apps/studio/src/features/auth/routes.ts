// /api/auth: registration, sign-in, refresh, sign-out, identity, invitations.
import {
  acceptInviteBodySchema,
  loginBodySchema,
  logoutBodySchema,
  meSchema,
  refreshBodySchema,
  registerBodySchema,
  sessionTokensSchema,
  setupStatusSchema,
} from '@mcp-studio/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { authenticated, principalOf } from '../../platform/http/guard.js';
import type { AuthService, ClientInfo } from './service.js';

const tags = ['auth'];
/** OpenAPI: these routes take no bearer credential. */
const security: [] = [];

export function clientInfo(request: FastifyRequest): ClientInfo {
  return { ip: request.ip, userAgent: request.headers['user-agent'] };
}

export function authRoutes(app: App, auth: AuthService): void {
  app.get('/api/auth/setup', { schema: { tags, security, response: { 200: setupStatusSchema } } }, () =>
    auth.setupStatus(),
  );

  app.post(
    '/api/auth/register',
    { schema: { tags, security, body: registerBodySchema, response: { 201: sessionTokensSchema } } },
    async (request, reply) => reply.status(201).send(await auth.register(request.body, clientInfo(request))),
  );

  app.post(
    '/api/auth/login',
    { schema: { tags, security, body: loginBodySchema, response: { 200: sessionTokensSchema } } },
    (request) => auth.login(request.body.email, request.body.password, clientInfo(request)),
  );

  app.post(
    '/api/auth/refresh',
    { schema: { tags, security, body: refreshBodySchema, response: { 200: sessionTokensSchema } } },
    (request) => auth.refresh(request.body.refreshToken),
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags, body: logoutBodySchema.nullish(), response: { 204: z.null() } } },
    async (request, reply) => {
      const sessionId = request.principal?.sessionId;
      const refreshToken = request.body?.refreshToken;
      if (!sessionId && !refreshToken) principalOf(request);
      await auth.logout(sessionId, refreshToken);
      return reply.status(204).send(null);
    },
  );

  app.get('/api/auth/me', { schema: { tags, response: { 200: meSchema } }, onRequest: authenticated }, (request) =>
    auth.me(principalOf(request).userId),
  );

  app.post(
    '/api/auth/accept-invite',
    { schema: { tags, security, body: acceptInviteBodySchema, response: { 201: sessionTokensSchema } } },
    async (request, reply) => reply.status(201).send(await auth.acceptInvite(request.body, clientInfo(request))),
  );
}
