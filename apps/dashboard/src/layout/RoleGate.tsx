// Shows a page only to roles at or above the module's minimum; others get a plain explanation.
import type { Role } from '@mcp-studio/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/authContext';
import { hasRole } from '../auth/roles';
import { EmptyState } from '../ui/layoutParts';

export function RoleGate({ minimum, children }: { minimum: Role; children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  if (!hasRole(me.user.role, minimum)) {
    return <EmptyState title={t('common.forbidden')} description={t('common.forbiddenDescription')} />;
  }
  return children;
}
