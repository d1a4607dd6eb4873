// Members of the organization and pending invitations; those the rules allow invite, re-role and remove.
import { UserPlus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMembers } from '../../api/sharedQueries';
import { useAbility } from '../../auth/ability';
import { useMe } from '../../auth/authContext';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { InvitationsTable } from './InvitationsTable';
import { InviteMemberDialog } from './InviteMemberDialog';
import { MembersTable } from './MembersTable';

export default function MembersPage() {
  const { t } = useTranslation();
  const me = useMe();
  const ability = useAbility();
  const canInvite = ability.can('create', 'Invitation');
  const members = useMembers();
  const [isInviteOpen, setIsInviteOpen] = useState(false);
  const [actionError, setActionError] = useState<unknown>(null);

  return (
    <>
      <PageHeader
        title={t('members.title')}
        description={t('members.description')}
        actions={
          canInvite ? (
            <Button onClick={() => setIsInviteOpen(true)}>
              <UserPlus aria-hidden className="size-4" />
              {t('members.invite')}
            </Button>
          ) : null
        }
      />
      <div className="space-y-6">
        <ErrorAlert error={actionError ?? members.error} />
        <Section title={t('members.membersTitle')}>
          {members.isPending ? (
            <Spinner />
          ) : (
            <MembersTable
              members={members.data?.members ?? []}
              currentUserId={me.user.id}
              canChangeRole={ability.can('update', 'Member')}
              canRemove={ability.can('delete', 'Member')}
              onError={setActionError}
            />
          )}
        </Section>
        {canInvite || (members.data?.invitations.length ?? 0) > 0 ? (
          <Section title={t('members.pendingTitle')} description={t('members.pendingDescription')}>
            <InvitationsTable
              invitations={members.data?.invitations ?? []}
              canRevoke={ability.can('delete', 'Invitation')}
            />
          </Section>
        ) : null}
      </div>
      <InviteMemberDialog open={isInviteOpen} onOpenChange={setIsInviteOpen} />
    </>
  );
}
