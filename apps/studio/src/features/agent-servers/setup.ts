// Wires the agent-servers feature into the studio: the node client, the service, the sweep and every route.
import type { Config } from '../../config.js';
import type { Clock } from '../../platform/clock.js';
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import type { EventBus } from '../../platform/events/bus.js';
import type { App } from '../../platform/http/app.js';
import type { Authenticator } from '../auth/authenticator.js';
import type { Lookup } from '../servers/urlPolicy.js';
import { NodeClient } from './nodeClient.js';
import { NodeUrls } from './nodeUrls.js';
import { agentServerProxyRoutes } from './proxyRoutes.js';
import { agentServerRoutes } from './routes.js';
import { AgentServerService } from './service.js';
import { AgentServerSweep } from './sweep.js';
import { terminalSocketRoutes } from './terminalSocket.js';

export interface AgentServersSetup {
  db: Db;
  bus: EventBus;
  clock: Clock;
  vault: Vault;
  config: Config;
  authenticator: Authenticator;
  /** Resolves node host names; tests give a fixed table. */
  lookup?: Lookup | undefined;
}

export interface AgentServersFeature {
  service: AgentServerService;
  sweep: AgentServerSweep;
}

declare module 'fastify' {
  interface FastifyInstance {
    agentServers: AgentServersFeature;
  }
}

export function registerAgentServers(app: App, setup: AgentServersSetup): void {
  const { db, bus, clock, vault, config } = setup;
  const urls = new NodeUrls(config.agentServers.allowPrivateNetworks, setup.lookup);
  const nodes = new NodeClient(urls, config.agentServers.requestTimeoutMs);
  const service = new AgentServerService({ db, bus, clock, vault, nodes, studioUrl: config.publicUrl });
  const sweep = new AgentServerSweep({
    db,
    bus,
    clock,
    service,
    nodes,
    intervalMs: config.agentServers.sweepIntervalMs,
    log: app.log,
  });
  app.decorate('agentServers', { service, sweep });
  app.addHook('onReady', async () => sweep.start());
  app.addHook('onClose', async () => {
    await sweep.stop();
    await nodes.close();
  });
  agentServerRoutes(app, service);
  agentServerProxyRoutes(app, service, nodes, config.agentServers.requestTimeoutMs);
  terminalSocketRoutes(app, { service, authenticator: setup.authenticator, urls });
}
