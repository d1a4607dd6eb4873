// Shows a page only to those its module's minimum role and its permission admit; others get a plain explanation.
import type { Role } from '@mcp-studio/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { type Permission, useAbility } from '../auth/ability';
import { useMe } from '../auth/authContext';
import { mayAccess } from '../modules/registry';
import { EmptyState } from '../ui/layoutParts';

interface AccessGateProps {
  minimum: Role;
  requires?: Permission;
  children: ReactNode;
}

export function AccessGate({ minimum, requires, children }: AccessGateProps) {
  const { t } = useTranslation();
  const me = useMe();
  const ability = useAbility();
  if (!mayAccess({ role: me.user.role, ability }, { requiredRole: minimum, requires })) {
    return <EmptyState title={t('common.forbidden')} description={t('common.forbiddenDescription')} />;
  }
  return children;
}
