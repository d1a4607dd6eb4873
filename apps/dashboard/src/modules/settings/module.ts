// Settings: the organization, its members and invitations, and the caller's API tokens.
import { Settings } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { Permission } from '../../auth/ability';
import type { DashboardModule } from '../moduleTypes';

const readOrganization: Permission = { action: 'read', subject: 'Organization' };
const readMembers: Permission = { action: 'read', subject: 'Member' };
/** Everyone may read their own tokens. */
const readTokens: Permission = { action: 'read', subject: 'ApiToken' };

export const settingsModule: DashboardModule = {
  id: 'settings',
  name: 'settings.name',
  icon: Settings,
  requiredRole: 'USER',
  dependsOn: [],
  routes: [
    { path: 'settings', redirectTo: '/settings/organization' },
    {
      path: 'settings/organization',
      component: lazy(() => import('./OrganizationPage')),
      requires: readOrganization,
    },
    { path: 'settings/members', component: lazy(() => import('./MembersPage')), requires: readMembers },
    { path: 'settings/tokens', component: lazy(() => import('./TokensPage')), requires: readTokens },
  ],
  nav: [
    { path: '/settings/organization', label: 'settings.nav.organization', requires: readOrganization },
    { path: '/settings/members', label: 'settings.nav.members', requires: readMembers },
    { path: '/settings/tokens', label: 'settings.nav.tokens', requires: readTokens },
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
