// Agent servers: the nodes hosting agents (health, resources, presence), provisioning agents, and each agent's
// files, terminals, workspaces and projects through the studio's proxy.
import { ServerCog } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { Permission } from '../../auth/ability';
import type { DashboardModule } from '../moduleTypes';

/** Every member reads nodes and agents; MANAGERs provision agents; files and terminals need `use` (OPERATOR+). */
const readNodes: Permission = { action: 'read', subject: 'AgentServer' };
const provisionAgents: Permission = { action: 'provision', subject: 'AgentServer' };

export const agentServersModule: DashboardModule = {
  id: 'agent-servers',
  name: 'agentServers.name',
  icon: ServerCog,
  requiredRole: 'USER',
  dependsOn: [],
  routes: [
    { path: 'agent-servers', component: lazy(() => import('./nodes/AgentServersListPage')), requires: readNodes },
    { path: 'agent-servers/:id', component: lazy(() => import('./nodes/NodeDetailPage')), requires: readNodes },
    {
      path: 'agent-servers/:id/agents/new',
      component: lazy(() => import('./wizard/ProvisionAgentPage')),
      requires: provisionAgents,
    },
    {
      path: 'agent-servers/:id/agents/:agentId',
      component: lazy(() => import('./agents/AgentDetailPage')),
      requires: readNodes,
    },
  ],
  nav: [{ path: '/agent-servers', label: 'agentServers.name', requires: readNodes }],
  live: {
    topics: ['servers'],
    // Status changes, registrations, attach, maintenance and removal; the figures of each beat are polled.
    invalidates: {
      agent_server_created: [queryKeys.agentServers],
      agent_server_updated: [queryKeys.agentServers],
      agent_server_deleted: [queryKeys.agentServers],
      agent_server_status_changed: [queryKeys.agentServers],
    },
  },
};
