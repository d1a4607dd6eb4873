// Credentials vault: encrypted secrets, masked until revealed, shared, rotated and audited.
import { KeyRound } from 'lucide-react';
import { lazy } from 'react';
import { queryKeys } from '../../api/queryKeys';
import type { DashboardModule } from '../moduleTypes';

export const credentialsModule: DashboardModule = {
  id: 'credentials',
  name: 'credentials.name',
  icon: KeyRound,
  requiredRole: 'USER',
  dependsOn: [],
  routes: [
    { path: 'credentials', component: lazy(() => import('./CredentialsListPage')) },
    { path: 'credentials/:id', component: lazy(() => import('./CredentialDetailPage')) },
  ],
  nav: [{ path: '/credentials', label: 'credentials.name' }],
  live: {
    topics: ['credentials'],
    invalidates: {
      credential_created: [queryKeys.credentials],
      credential_updated: [queryKeys.credentials],
      credential_deleted: [queryKeys.credentials],
    },
  },
};
