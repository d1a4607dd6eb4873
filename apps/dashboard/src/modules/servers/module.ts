// MCP servers: registrations of stdio processes and HTTP endpoints, their health and a connection test.
import { Server } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { Permission } from '../../auth/ability';
import type { DashboardModule } from '../moduleTypes';

/** Every role reads the organization's servers; only ADMINs register, change or delete them. */
const readServers: Permission = { action: 'read', subject: 'McpServer' };
const createServers: Permission = { action: 'create', subject: 'McpServer' };

export const serversModule: DashboardModule = {
  id: 'servers',
  name: 'servers.name',
  icon: Server,
  requiredRole: 'USER',
  dependsOn: ['credentials'],
  routes: [
    { path: 'servers', component: lazy(() => import('./ServersListPage')), requires: readServers },
    { path: 'servers/new', component: lazy(() => import('./addServer/AddServerWizardPage')), requires: createServers },
    { path: 'servers/:id', component: lazy(() => import('./ServerDetailPage')), requires: readServers },
  ],
  nav: [{ path: '/servers', label: 'servers.name', requires: readServers }],
  live: {
    topics: ['servers'],
    invalidates: {
      server_created: [queryKeys.servers],
      server_updated: [queryKeys.servers],
      server_deleted: [queryKeys.servers],
      // Health checks and catalog refreshes change a row's status, latency, last check and tool count.
      server_status_changed: [queryKeys.servers],
      server_catalog_changed: [queryKeys.servers],
    },
  },
};
