// /api/agents/:id/workspaces and /api/agents/:id/projects: the master token, or that agent's own token.
import {
  createProjectBodySchema,
  createWorkspaceBodySchema,
  deleteProjectQuerySchema,
  deleteWorkspaceQuerySchema,
  listProjectsQuerySchema,
  projectSchema,
  projectsListSchema,
  updateProjectBodySchema,
  updateWorkspaceBodySchema,
  workspaceSchema,
  workspacesListSchema,
} from '@mcp-studio/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requireAgent } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import { agentParams } from '../agents/routes.js';
import type { ProjectService } from './projects.js';
import type { ChangeOptions, WorkspaceService } from './workspaces.js';

const workspaceParams = agentParams.extend({ workspaceId: z.uuid() });
const projectParams = agentParams.extend({ projectId: z.uuid() });

/** Authorizes the caller for the agent; a suspended agent's own token may look but not change anything. */
function authorize(request: FastifyRequest, agentId: string): ChangeOptions {
  requireAgent(request, agentId);
  return { mustBeActive: request.caller?.kind === 'agent' };
}

export function workspaceRoutes(app: App, workspaces: WorkspaceService): void {
  const base = '/api/agents/:id/workspaces';

  app.post(
    base,
    { schema: { params: agentParams, body: createWorkspaceBodySchema, response: { 201: workspaceSchema } } },
    async (request, reply) => {
      const options = authorize(request, request.params.id);
      return reply.status(201).send(await workspaces.create(request.params.id, request.body, options));
    },
  );

  app.get(base, { schema: { params: agentParams, response: { 200: workspacesListSchema } } }, async (request) => {
    authorize(request, request.params.id);
    return { workspaces: workspaces.list(request.params.id) };
  });

  app.get(
    `${base}/:workspaceId`,
    { schema: { params: workspaceParams, response: { 200: workspaceSchema } } },
    async (request) => {
      authorize(request, request.params.id);
      return workspaces.get(request.params.id, request.params.workspaceId);
    },
  );

  app.patch(
    `${base}/:workspaceId`,
    { schema: { params: workspaceParams, body: updateWorkspaceBodySchema, response: { 200: workspaceSchema } } },
    async (request) => {
      const options = authorize(request, request.params.id);
      return workspaces.update(request.params.id, request.params.workspaceId, request.body, options);
    },
  );

  app.delete(
    `${base}/:workspaceId`,
    { schema: { params: workspaceParams, querystring: deleteWorkspaceQuerySchema } },
    async (request, reply) => {
      const options = authorize(request, request.params.id);
      await workspaces.delete(request.params.id, request.params.workspaceId, request.query.recursive, options);
      return reply.status(204).send();
    },
  );
}

export function projectRoutes(app: App, projects: ProjectService): void {
  const base = '/api/agents/:id/projects';

  app.post(
    base,
    { schema: { params: agentParams, body: createProjectBodySchema, response: { 201: projectSchema } } },
    async (request, reply) => {
      const options = authorize(request, request.params.id);
      return reply.status(201).send(await projects.create(request.params.id, request.body, options));
    },
  );

  app.get(
    base,
    { schema: { params: agentParams, querystring: listProjectsQuerySchema, response: { 200: projectsListSchema } } },
    async (request) => {
      authorize(request, request.params.id);
      return { projects: projects.list(request.params.id, request.query) };
    },
  );

  app.get(
    `${base}/:projectId`,
    { schema: { params: projectParams, response: { 200: projectSchema } } },
    async (request) => {
      authorize(request, request.params.id);
      return projects.get(request.params.id, request.params.projectId);
    },
  );

  app.patch(
    `${base}/:projectId`,
    { schema: { params: projectParams, body: updateProjectBodySchema, response: { 200: projectSchema } } },
    async (request) => {
      const options = authorize(request, request.params.id);
      return projects.update(request.params.id, request.params.projectId, request.body, options);
    },
  );

  app.delete(
    `${base}/:projectId`,
    { schema: { params: projectParams, querystring: deleteProjectQuerySchema } },
    async (request, reply) => {
      const options = authorize(request, request.params.id);
      await projects.delete(request.params.id, request.params.projectId, request.query.keepFiles, options);
      return reply.status(204).send();
    },
  );
}
