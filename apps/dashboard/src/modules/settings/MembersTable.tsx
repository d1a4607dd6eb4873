// The member list; for those the rules allow, a role picker and a remove button on each row.
import { type Member, ROLES, type Role } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField } from '../../ui/fields';
import { Badge } from '../../ui/layoutParts';
import { DataTable, td } from '../../ui/Table';
import { useChangeMemberRole, useRemoveMember } from './settingsApi';

interface MembersTableProps {
  members: Member[];
  currentUserId: string;
  /** `update` on Member: a role picker instead of the role badge. */
  canChangeRole: boolean;
  /** `delete` on Member: a remove button on each row. */
  canRemove: boolean;
  onError(error: unknown): void;
}

export function MembersTable({ members, currentUserId, canChangeRole, canRemove, onError }: MembersTableProps) {
  const { t } = useTranslation();
  const { date } = useFormatters();
  const changeRole = useChangeMemberRole();
  const removeMember = useRemoveMember();
  const [toRemove, setToRemove] = useState<Member | null>(null);

  const onRoleChange = (member: Member, role: Role) => {
    onError(null);
    changeRole.mutate({ id: member.id, role }, { onError });
  };

  return (
    <>
      <DataTable
        headers={[
          t('common.name'),
          t('auth.email'),
          t('members.role'),
          t('members.joined'),
          ...(canRemove ? [{ label: t('common.actions'), srOnly: true }] : []),
        ]}
      >
        {members.map((member) => (
          <tr key={member.id}>
            <td className={`${td} font-medium text-zinc-900`}>
              {member.name} {member.id === currentUserId ? <Badge tone="accent">{t('common.you')}</Badge> : null}
            </td>
            <td className={td}>{member.email}</td>
            <td className={td}>
              {canChangeRole ? (
                <div className="w-40">
                  <SelectField
                    label={t('members.roleFor', { name: member.name })}
                    hideLabel
                    value={member.role}
                    disabled={changeRole.isPending}
                    onChange={(e) => onRoleChange(member, e.target.value as Role)}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`roles.${role}`)}
                      </option>
                    ))}
                  </SelectField>
                </div>
              ) : (
                <Badge>{t(`roles.${member.role}`)}</Badge>
              )}
            </td>
            <td className={td}>{date(member.createdAt)}</td>
            {canRemove ? (
              <td className={`${td} text-right`}>
                <Button variant="ghost" size="sm" onClick={() => setToRemove(member)}>
                  {t('members.remove')}
                </Button>
              </td>
            ) : null}
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        open={toRemove !== null}
        onOpenChange={(open) => (open ? undefined : setToRemove(null))}
        title={t('members.removeTitle', { name: toRemove?.name ?? '' })}
        message={t('members.removeMessage')}
        confirmLabel={t('members.remove')}
        onConfirm={() => removeMember.mutateAsync(toRemove?.id ?? '')}
      />
    </>
  );
}
