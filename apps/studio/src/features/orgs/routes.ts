// /api/org: the organization, its members and invitations.
import {
  idParamsSchema,
  inviteMemberBodySchema,
  inviteMemberResultSchema,
  memberSchema,
  membersListSchema,
  organizationSchema,
  updateMemberBodySchema,
  updateOrganizationBodySchema,
} from '@mcp-studio/protocol';
import { z } from 'zod';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import type { OrgService } from './service.js';

const tags = ['organization'];

export function orgRoutes(app: App, orgs: OrgService): void {
  app.get(
    '/api/org',
    { schema: { tags, response: { 200: organizationSchema } }, onRequest: requires('read', 'Organization') },
    (request) => orgs.getOrganization(principalOf(request)),
  );

  app.patch(
    '/api/org',
    {
      schema: { tags, body: updateOrganizationBodySchema, response: { 200: organizationSchema } },
      onRequest: requires('update', 'Organization'),
    },
    (request) => orgs.updateOrganization(principalOf(request), request.body),
  );

  app.get(
    '/api/org/members',
    { schema: { tags, response: { 200: membersListSchema } }, onRequest: requires('read', 'Member') },
    (request) => orgs.listMembers(principalOf(request)),
  );

  app.post(
    '/api/org/members',
    {
      schema: { tags, body: inviteMemberBodySchema, response: { 201: inviteMemberResultSchema } },
      onRequest: requires('create', 'Invitation'),
    },
    async (request, reply) => reply.status(201).send(await orgs.invite(principalOf(request), request.body)),
  );

  app.patch(
    '/api/org/members/:id',
    {
      schema: { tags, params: idParamsSchema, body: updateMemberBodySchema, response: { 200: memberSchema } },
      onRequest: requires('update', 'Member'),
    },
    (request) => orgs.changeRole(principalOf(request), request.params.id, request.body.role),
  );

  app.delete(
    '/api/org/members/:id',
    { schema: { tags, params: idParamsSchema, response: { 204: z.null() } }, onRequest: requires('delete', 'Member') },
    async (request, reply) => {
      await orgs.removeMember(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.delete(
    '/api/org/invitations/:id',
    {
      schema: { tags, params: idParamsSchema, response: { 204: z.null() } },
      onRequest: requires('delete', 'Invitation'),
    },
    async (request, reply) => {
      await orgs.revokeInvitation(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
