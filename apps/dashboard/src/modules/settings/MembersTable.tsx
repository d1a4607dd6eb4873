// The member list; for administrators, a role picker and a remove button on each row.
import { type Member, ROLES, type Role } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { SelectField } from '../../ui/fields';
import { Badge, td, th } from '../../ui/layoutParts';
import { useChangeMemberRole, useRemoveMember } from './settingsApi';

interface MembersTableProps {
  members: Member[];
  currentUserId: string;
  canManage: boolean;
  onError(error: unknown): void;
}

export function MembersTable({ members, currentUserId, canManage, onError }: MembersTableProps) {
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
    <div className="-m-5 overflow-x-auto">
      <table className="min-w-full divide-y divide-zinc-200">
        <thead className="bg-zinc-50">
          <tr>
            <th scope="col" className={th}>
              {t('common.name')}
            </th>
            <th scope="col" className={th}>
              {t('auth.email')}
            </th>
            <th scope="col" className={th}>
              {t('members.role')}
            </th>
            <th scope="col" className={th}>
              {t('members.joined')}
            </th>
            {canManage ? (
              <th scope="col" className={th}>
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody className="divide-y divide-zinc-100">
          {members.map((member) => (
            <tr key={member.id}>
              <td className={`${td} font-medium text-zinc-900`}>
                {member.name} {member.id === currentUserId ? <Badge tone="accent">{t('common.you')}</Badge> : null}
              </td>
              <td className={td}>{member.email}</td>
              <td className={td}>
                {canManage ? (
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
              {canManage ? (
                <td className={`${td} text-right`}>
                  <Button variant="ghost" size="sm" onClick={() => setToRemove(member)}>
                    {t('members.remove')}
                  </Button>
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
      <ConfirmDialog
        open={toRemove !== null}
        onOpenChange={(open) => (open ? undefined : setToRemove(null))}
        title={t('members.removeTitle', { name: toRemove?.name ?? '' })}
        message={t('members.removeMessage')}
        confirmLabel={t('members.remove')}
        onConfirm={() => removeMember.mutateAsync(toRemove?.id ?? '')}
      />
    </div>
  );
}
