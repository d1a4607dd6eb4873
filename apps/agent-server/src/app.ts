// buildNodeApp(deps) → the agent server's Fastify instance; tests call it with their own dependencies.
import websocket from '@fastify/websocket';
import Fastify from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AgentServerConfig } from './config.js';
import { Homes } from './features/agents/homes.js';
import { agentRoutes } from './features/agents/routes.js';
import { AgentService } from './features/agents/service.js';
import { fileRoutes } from './features/files/routes.js';
import { FileService } from './features/files/service.js';
import { startHeartbeat } from './features/heartbeat/setup.js';
import { agentMcpRoutes } from './features/mcp/routes.js';
import { registerMessages } from './features/messages/routes.js';
import { registerWorkspacesAndPresence } from './features/presence/register.js';
import { terminalRoutes } from './features/terminals/routes.js';
import { secretsMatch } from './platform/crypto/keyFiles.js';
import type { SecretBox } from './platform/crypto/secretBox.js';
import { NodeEvents } from './platform/events.js';
import type { App } from './platform/http/app.js';
import { installErrorHandling } from './platform/http/errorHandler.js';
import { loggerOptions } from './platform/logger.js';
import type { StateStore } from './platform/state/stateStore.js';

export interface NodeDeps {
  config: AgentServerConfig;
  state: StateStore;
  box: SecretBox;
  masterToken: string;
  now?: () => Date;
}

/** The services a running node holds, for its background work (heartbeat) and for tests. */
export interface NodeServices {
  agents: AgentService;
  events: NodeEvents;
}

declare module 'fastify' {
  interface FastifyInstance {
    node: NodeServices;
  }
}

export async function buildNodeApp(deps: NodeDeps): Promise<App> {
  const { config, state, box, masterToken } = deps;
  const now = deps.now ?? (() => new Date());
  const app = Fastify({
    logger: loggerOptions(config.logLevel),
    bodyLimit: config.fs.maxWriteBytes * 2 + 64 * 1024,
  }).withTypeProvider<ZodTypeProvider>() as unknown as App;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandling(app);

  const events = new NodeEvents();
  const homes = new Homes(`${config.dataDir}/homes`, config.isolation);
  await homes.prepare();
  const agents = new AgentService({ state, homes, box, events, now });
  app.decorate('node', { agents, events });

  app.decorateRequest('caller', null);
  app.addHook('onRequest', async (request) => {
    const bearer = request.headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!bearer) return;
    if (secretsMatch(bearer, masterToken)) {
      request.caller = { kind: 'master' };
      return;
    }
    const agentId = agents.authenticate(bearer);
    if (agentId) request.caller = { kind: 'agent', agentId };
  });

  await app.register(websocket, { options: { maxPayload: 1024 * 1024 } });

  app.get('/health', async () => ({ status: 'ok' }));
  // Ready when the agents' homes can be reached (a lost mount, a full disk make the node unable to serve).
  app.get('/ready', async (_request, reply) => {
    try {
      await homes.check();
      return { status: 'ready' };
    } catch (err) {
      return reply.status(503).send({ status: 'unavailable', reason: (err as Error).message });
    }
  });
  agentRoutes(app, agents);
  const files = new FileService({ agents, limits: config.fs });
  fileRoutes(app, files);
  registerMessages(app, { config, state, agents, now });
  await registerWorkspacesAndPresence(app, { config, state, now });
  terminalRoutes(app, { config, agents, events, now });
  agentMcpRoutes(app, { files, commands: app.shell.commands });
  startHeartbeat(app, { config, state, box, masterToken });
  return app;
}
