// Settings: the organization, its members and invitations, and the caller's API tokens.
import { Settings } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { DashboardModule } from '../moduleTypes';

export const settingsModule: DashboardModule = {
  id: 'settings',
  name: 'settings.name',
  icon: Settings,
  requiredRole: 'USER',
  dependsOn: [],
  routes: [
    { path: 'settings', redirectTo: '/settings/organization' },
    { path: 'settings/organization', component: lazy(() => import('./OrganizationPage')) },
    { path: 'settings/members', component: lazy(() => import('./MembersPage')), requiredRole: 'VIEWER' },
    { path: 'settings/tokens', component: lazy(() => import('./TokensPage')) },
  ],
  nav: [
    { path: '/settings/organization', label: 'settings.nav.organization' },
    { path: '/settings/members', label: 'settings.nav.members', requiredRole: 'VIEWER' },
    { path: '/settings/tokens', label: 'settings.nav.tokens' },
  ],
  live: {
    topics: ['members'],
    invalidates: {
      member_added: [queryKeys.members],
      member_updated: [queryKeys.members],
      member_removed: [queryKeys.members],
    },
  },
};
