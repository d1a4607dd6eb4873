// Wires workspaces, projects and presence into a node: their services, their routes, and presence's event feed.
import type { AgentServerConfig } from '../../config.js';
import type { App } from '../../platform/http/app.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import { ProjectService } from '../workspaces/projects.js';
import { projectRoutes, workspaceRoutes } from '../workspaces/routes.js';
import { WorkspaceService } from '../workspaces/workspaces.js';
import { presenceRoutes } from './routes.js';
import { ensureNodeId, PresenceService } from './service.js';

export interface PlacesDeps {
  config: AgentServerConfig;
  state: StateStore;
  now: () => Date;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Presence of this node; the heartbeat reads `presence.status()` and `presence.server()`. */
    presence: PresenceService;
  }
}

/** Registers /api/agents/:id/workspaces, /api/agents/:id/projects and /api/presence on a node built with agents. */
export async function registerWorkspacesAndPresence(app: App, deps: PlacesDeps): Promise<void> {
  const { agents, events } = app.node;
  const workspaces = new WorkspaceService({ state: deps.state, agents, now: deps.now });
  const projects = new ProjectService({ state: deps.state, agents, workspaces, now: deps.now });
  const presence = new PresenceService({
    config: deps.config,
    state: deps.state,
    events,
    now: deps.now,
    nodeId: await ensureNodeId(deps.state),
    listeningPort: () => {
      const address = app.server.address();
      return typeof address === 'object' && address ? address.port : undefined;
    },
  });
  app.decorate('presence', presence);
  app.addHook('onClose', async () => presence.close());
  workspaceRoutes(app, workspaces);
  projectRoutes(app, projects);
  presenceRoutes(app, presence);
}
