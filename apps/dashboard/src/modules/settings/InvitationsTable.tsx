// Pending invitations, which those the rules allow can revoke before they are used.
import type { Invitation } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Badge } from '../../ui/layoutParts';
import { DataTable, td } from '../../ui/Table';
import { useRevokeInvitation } from './settingsApi';

export function InvitationsTable({ invitations, canRevoke }: { invitations: Invitation[]; canRevoke: boolean }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const revoke = useRevokeInvitation();
  const [toRevoke, setToRevoke] = useState<Invitation | null>(null);

  if (invitations.length === 0) return <p className="text-sm text-zinc-500">{t('members.noPending')}</p>;

  return (
    <>
      <DataTable
        headers={[
          t('auth.email'),
          t('members.role'),
          t('members.expires'),
          ...(canRevoke ? [{ label: t('common.actions'), srOnly: true }] : []),
        ]}
      >
        {invitations.map((invitation) => (
          <tr key={invitation.id}>
            <td className={`${td} font-medium text-zinc-900`}>{invitation.email}</td>
            <td className={td}>
              <Badge>{t(`roles.${invitation.role}`)}</Badge>
            </td>
            <td className={td}>{dateTime(invitation.expiresAt)}</td>
            {canRevoke ? (
              <td className={`${td} text-right`}>
                <Button variant="ghost" size="sm" onClick={() => setToRevoke(invitation)}>
                  {t('members.revokeInvitation')}
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        open={toRevoke !== null}
        onOpenChange={(open) => (open ? undefined : setToRevoke(null))}
        title={t('members.revokeTitle', { email: toRevoke?.email ?? '' })}
        message={t('members.revokeMessage')}
        confirmLabel={t('members.revokeInvitation')}
        onConfirm={() => revoke.mutateAsync(toRevoke?.id ?? '')}
      />
    </>
  );
}
