// Credentials vault: encrypted secrets, masked until revealed, shared, rotated and audited.
import { KeyRound } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { Permission } from '../../auth/ability';
import type { DashboardModule } from '../moduleTypes';

/** Every role may read some credentials (which ones, the server filters). */
const readCredentials: Permission = { action: 'read', subject: 'Credential' };

export const credentialsModule: DashboardModule = {
  id: 'credentials',
  name: 'credentials.name',
  icon: KeyRound,
  requiredRole: 'USER',
  dependsOn: [],
  routes: [
    { path: 'credentials', component: lazy(() => import('./CredentialsListPage')), requires: readCredentials },
    { path: 'credentials/:id', component: lazy(() => import('./CredentialDetailPage')), requires: readCredentials },
  ],
  nav: [{ path: '/credentials', label: 'credentials.name', requires: readCredentials }],
  live: {
    topics: ['credentials'],
    invalidates: {
      credential_created: [queryKeys.credentials],
      credential_updated: [queryKeys.credentials],
      credential_deleted: [queryKeys.credentials],
    },
  },
};
