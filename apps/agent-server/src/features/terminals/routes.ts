// /api/agents/:id/terminals, /api/terminals/:sid/… and /api/agents/:id/exec: the master token or the agent's own.
import {
  createTerminalBodySchema,
  execBodySchema,
  execResultSchema,
  terminalBufferQuerySchema,
  terminalBufferSchema,
  terminalColsSchema,
  terminalInputBodySchema,
  terminalKillBodySchema,
  terminalKillResultSchema,
  terminalParamsSchema,
  terminalRowsSchema,
  terminalSessionDetailSchema,
  terminalsListSchema,
} from '@mcp-studio/protocol';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AgentServerConfig } from '../../config.js';
import type { NodeEvents } from '../../platform/events.js';
import { requireAgent } from '../../platform/http/access.js';
import type { App } from '../../platform/http/app.js';
import { notFound, unauthorized } from '../../platform/http/errors.js';
import type { AgentService } from '../agents/service.js';
import { CommandRunner } from './commands.js';
import { TerminalService } from './service.js';
import type { TerminalSession } from './session.js';
import { bridgeTerminalSocket } from './socket.js';

export interface TerminalFeatureDeps {
  config: AgentServerConfig;
  agents: AgentService;
  events: NodeEvents;
  now: () => Date;
}

/** The terminal and command services of a running node, for other features (the /mcp `shell_exec` tool). */
export interface ShellServices {
  terminals: TerminalService;
  commands: CommandRunner;
}

declare module 'fastify' {
  interface FastifyInstance {
    shell: ShellServices;
  }
}

const agentParams = z.object({ id: z.uuid() });
const resizeBodySchema = z.object({ cols: terminalColsSchema, rows: terminalRowsSchema });

export function terminalRoutes(app: App, deps: TerminalFeatureDeps): ShellServices {
  const terminals = new TerminalService(deps);
  const commands = new CommandRunner(deps);
  app.decorate('shell', { terminals, commands });
  // No PTY and no command outlives the node.
  app.addHook('onClose', async () => {
    commands.shutdown();
    await terminals.shutdown();
  });

  /** The session if the caller may reach it; another agent's session answers 404, as if it did not exist. */
  const ownSession = (request: FastifyRequest, sid: string): TerminalSession => {
    const caller = request.caller;
    if (!caller) throw unauthorized();
    const session = terminals.session(sid);
    if (caller.kind === 'agent' && caller.agentId !== session.agentId) throw notFound('Terminal');
    return session;
  };

  app.post(
    '/api/agents/:id/terminals',
    { schema: { params: agentParams, body: createTerminalBodySchema, response: { 201: terminalSessionDetailSchema } } },
    async (request, reply) => {
      requireAgent(request, request.params.id);
      return reply.status(201).send(await terminals.open(request.params.id, request.body));
    },
  );

  app.get(
    '/api/agents/:id/terminals',
    { schema: { params: agentParams, response: { 200: terminalsListSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return { terminals: terminals.list(request.params.id) };
    },
  );

  app.get(
    '/api/terminals/:sid',
    { schema: { params: terminalParamsSchema, response: { 200: terminalSessionDetailSchema } } },
    async (request) => terminals.present(ownSession(request, request.params.sid)),
  );

  // Authorized before the upgrade (preHandler): a refused client gets a plain HTTP 401/404, never a socket.
  app.get(
    '/api/terminals/:sid/ws',
    {
      websocket: true,
      schema: { params: terminalParamsSchema },
      preHandler: async (request) => {
        ownSession(request, request.params.sid);
      },
    },
    (socket, request) => bridgeTerminalSocket(socket, terminals.session(request.params.sid), terminals),
  );

  app.get(
    '/api/terminals/:sid/buffer',
    {
      schema: {
        params: terminalParamsSchema,
        querystring: terminalBufferQuerySchema,
        response: { 200: terminalBufferSchema },
      },
    },
    async (request) => {
      const { data, droppedBytes } = ownSession(request, request.params.sid).buffer();
      const { encoding } = request.query;
      return { data: data.toString(encoding), encoding, bytes: data.length, droppedBytes };
    },
  );

  app.post(
    '/api/terminals/:sid/input',
    { schema: { params: terminalParamsSchema, body: terminalInputBodySchema } },
    async (request, reply) => {
      terminals.input(ownSession(request, request.params.sid).id, request.body.data);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/terminals/:sid/resize',
    {
      schema: { params: terminalParamsSchema, body: resizeBodySchema, response: { 200: terminalSessionDetailSchema } },
    },
    async (request) => {
      const session = ownSession(request, request.params.sid);
      session.resize(request.body.cols, request.body.rows);
      return terminals.present(session);
    },
  );

  app.post(
    '/api/terminals/:sid/kill',
    {
      schema: {
        params: terminalParamsSchema,
        body: terminalKillBodySchema.nullish(),
        response: { 200: terminalKillResultSchema },
      },
    },
    async (request) => {
      const signal = request.body?.signal ?? 'SIGTERM';
      return { pgid: ownSession(request, request.params.sid).signalForeground(signal), signal };
    },
  );

  app.delete(
    '/api/terminals/:sid',
    { schema: { params: terminalParamsSchema, response: { 200: terminalSessionDetailSchema } } },
    async (request) => terminals.close(ownSession(request, request.params.sid).id),
  );

  app.post(
    '/api/agents/:id/exec',
    { schema: { params: agentParams, body: execBodySchema, response: { 200: execResultSchema } } },
    async (request) => {
      requireAgent(request, request.params.id);
      return commands.exec(request.params.id, request.body);
    },
  );

  return { terminals, commands };
}
