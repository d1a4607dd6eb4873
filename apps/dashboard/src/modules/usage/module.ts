// Usage: the organization's (or the caller's own) metered MCP calls, their export, and the daily quota banner.
import { ChartColumn } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { Permission } from '../../auth/ability';
import type { DashboardModule } from '../moduleTypes';

/** Everyone reads their own usage; the studio widens the report to the organization for ADMINs. */
const readUsage: Permission = { action: 'read', subject: 'Usage' };

export const usageModule: DashboardModule = {
  id: 'usage',
  name: 'usage.name',
  icon: ChartColumn,
  requiredRole: 'USER',
  // Its server filter lists the organization's servers with the servers module's query.
  dependsOn: ['servers'],
  routes: [{ path: 'usage', component: lazy(() => import('./UsagePage')), requires: readUsage }],
  nav: [{ path: '/usage', label: 'usage.name', requires: readUsage }],
  notice: lazy(() => import('./QuotaBanner')),
  // No event reports usage (the page has a Refresh button, the quota is polled); a plan change moves the limit.
  live: { topics: ['members'], invalidates: { organization_updated: [queryKeys.quota] } },
};
