// Typed proxy routes under /api/agent-servers/:id/…: the studio's roles per route family, then the call forwarded
// to the node with the master token from the vault; the node's status and body come back unchanged.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { Action } from '../../platform/auth/abilities.js';
import type { App } from '../../platform/http/app.js';
import { principalOf, requires } from '../../platform/http/guard.js';
import type { NodeCall, NodeClient } from './nodeClient.js';
import type { AgentServerService } from './service.js';

type Method = NodeCall['method'];

/** One path segment of a node resource: letters, digits, `_` and `-` only, so never `.`, `..`, `/` or `%`. */
export const segmentSchema = z.string().regex(/^[A-Za-z0-9_-]{1,128}$/, 'Not a valid identifier');
const base = z.object({ id: z.uuid() });
const agent = base.extend({ agentId: z.uuid() });
const item = agent.extend({ itemId: segmentSchema });
const terminal = base.extend({ sid: segmentSchema });
const filesRest = agent.extend({ '*': z.string().regex(/^[a-z]{1,32}$/, 'Not a file operation') });

/** Room for a file write at the node's own limit (5 MiB by default, base64-encoded). */
const FILE_BODY_LIMIT_BYTES = 16 * 1024 * 1024;

interface Family {
  methods: Method[];
  url: string;
  params: z.ZodObject;
  action: Action;
  /** The node's path for these (validated) params. */
  nodePath: (p: Record<string, string>) => string;
  bodyLimit?: number;
  /** Extra time a call may take beyond the usual (a command's own timeout). */
  extraTimeoutMs?: (body: unknown) => number;
}

const A = '/api/agent-servers/:id';

const FAMILIES: Family[] = [
  // Presence and agents: any member reads; provisioning needs MANAGER (or ADMIN).
  ...['server', 'agents', 'status'].map(
    (what): Family => ({
      methods: ['GET'],
      url: `${A}/presence/${what}`,
      params: base,
      action: 'read',
      nodePath: () => `/api/presence/${what}`,
    }),
  ),
  { methods: ['GET'], url: `${A}/agents`, params: base, action: 'read', nodePath: () => '/api/agents' },
  { methods: ['POST'], url: `${A}/agents`, params: base, action: 'provision', nodePath: () => '/api/agents' },
  { methods: ['POST'], url: `${A}/agents/sync`, params: base, action: 'provision', nodePath: () => '/api/agents/sync' },
  {
    methods: ['GET'],
    url: `${A}/agents/:agentId`,
    params: agent,
    action: 'read',
    nodePath: (p) => `/api/agents/${p.agentId}`,
  },
  {
    methods: ['DELETE'],
    url: `${A}/agents/:agentId`,
    params: agent,
    action: 'provision',
    nodePath: (p) => `/api/agents/${p.agentId}`,
  },
  ...['activate', 'suspend'].map(
    (verb): Family => ({
      methods: ['POST'],
      url: `${A}/agents/:agentId/${verb}`,
      params: agent,
      action: 'provision',
      nodePath: (p) => `/api/agents/${p.agentId}/${verb}`,
    }),
  ),
  {
    methods: ['GET'],
    url: `${A}/agents/:agentId/usage`,
    params: agent,
    action: 'read',
    nodePath: (p) => `/api/agents/${p.agentId}/usage`,
  },
  // Workspaces and projects: members read; changes need OPERATOR and above.
  ...['workspaces', 'projects'].flatMap((kind): Family[] => [
    {
      methods: ['GET'],
      url: `${A}/agents/:agentId/${kind}`,
      params: agent,
      action: 'read',
      nodePath: (p) => `/api/agents/${p.agentId}/${kind}`,
    },
    {
      methods: ['POST'],
      url: `${A}/agents/:agentId/${kind}`,
      params: agent,
      action: 'use',
      nodePath: (p) => `/api/agents/${p.agentId}/${kind}`,
    },
    {
      methods: ['GET'],
      url: `${A}/agents/:agentId/${kind}/:itemId`,
      params: item,
      action: 'read',
      nodePath: (p) => `/api/agents/${p.agentId}/${kind}/${p.itemId}`,
    },
    {
      methods: ['PATCH', 'DELETE'],
      url: `${A}/agents/:agentId/${kind}/:itemId`,
      params: item,
      action: 'use',
      nodePath: (p) => `/api/agents/${p.agentId}/${kind}/${p.itemId}`,
    },
  ]),
  // Files, terminals and commands: OPERATOR and above only (a VIEWER reads no file and opens no terminal).
  {
    methods: ['DELETE'],
    url: `${A}/agents/:agentId/fs`,
    params: agent,
    action: 'use',
    nodePath: (p) => `/api/agents/${p.agentId}/fs`,
  },
  {
    methods: ['GET', 'POST', 'PUT'],
    url: `${A}/agents/:agentId/fs/*`,
    params: filesRest,
    action: 'use',
    nodePath: (p) => `/api/agents/${p.agentId}/fs/${p['*']}`,
    bodyLimit: FILE_BODY_LIMIT_BYTES,
  },
  {
    methods: ['GET', 'POST'],
    url: `${A}/agents/:agentId/terminals`,
    params: agent,
    action: 'use',
    nodePath: (p) => `/api/agents/${p.agentId}/terminals`,
  },
  {
    methods: ['POST'],
    url: `${A}/agents/:agentId/exec`,
    params: agent,
    action: 'use',
    nodePath: (p) => `/api/agents/${p.agentId}/exec`,
    extraTimeoutMs: (body) => {
      const timeoutMs = (body as { timeoutMs?: unknown } | undefined)?.timeoutMs;
      return typeof timeoutMs === 'number' && Number.isFinite(timeoutMs)
        ? Math.min(Math.max(timeoutMs, 0), 3_600_000)
        : 0;
    },
  },
  {
    methods: ['GET', 'DELETE'],
    url: `${A}/terminals/:sid`,
    params: terminal,
    action: 'use',
    nodePath: (p) => `/api/terminals/${p.sid}`,
  },
  ...['buffer', 'input', 'kill'].map(
    (what): Family => ({
      methods: [what === 'buffer' ? 'GET' : 'POST'],
      url: `${A}/terminals/:sid/${what}`,
      params: terminal,
      action: 'use',
      nodePath: (p) => `/api/terminals/${p.sid}/${what}`,
    }),
  ),
];

export function agentServerProxyRoutes(
  app: App,
  service: AgentServerService,
  nodes: NodeClient,
  timeoutMs: number,
): void {
  for (const family of FAMILIES) {
    const forward = async (request: FastifyRequest, reply: FastifyReply) => {
      const p = request.params as Record<string, string>;
      const target = await service.target(principalOf(request), p.id as string);
      const query = request.url.includes('?') ? request.url.slice(request.url.indexOf('?') + 1) : undefined;
      const extra = family.extraTimeoutMs?.(request.body) ?? 0;
      const answer = await nodes.call(target, {
        method: request.method as Method,
        path: family.nodePath(p),
        ...(query ? { query } : {}),
        ...(request.body === undefined ? {} : { body: request.body }),
        ...(extra > 0 ? { timeoutMs: timeoutMs + extra } : {}),
      });
      reply.status(answer.status);
      if (answer.status === 204 || answer.body.length === 0) return reply.send();
      return reply.type(answer.contentType ?? 'application/json; charset=utf-8').send(answer.body);
    };
    app.route({
      method: family.methods,
      url: family.url,
      schema: { tags: ['agent-servers'], params: family.params },
      onRequest: requires(family.action, 'AgentServer'),
      ...(family.bodyLimit ? { bodyLimit: family.bodyLimit } : {}),
      handler: forward,
    });
  }
}
