// Side panel of a credential: facts, who it is shared with, and deletion.
import type { Credential, Member } from '@mcp-studio/protocol';
import { Share2, Trash2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormatters } from '../../lib/format';
import { Button } from '../../ui/Button';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { Section } from '../../ui/layoutParts';
import { useDeleteCredential, useUnshareCredential } from './credentialsApi';
import { ShareCredentialDialog } from './ShareCredentialDialog';

interface CredentialSummaryProps {
  credential: Credential;
  members: Member[];
  canDelete: boolean;
  canShare: boolean;
}

export function CredentialSummary({ credential, members, canDelete, canShare }: CredentialSummaryProps) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const navigate = useNavigate();
  const remove = useDeleteCredential();
  const unshare = useUnshareCredential(credential.id);
  const [isShareOpen, setIsShareOpen] = useState(false);
  const [isDeleteOpen, setIsDeleteOpen] = useState(false);
  const nameOf = (id: string | null) => (id ? (members.find((m) => m.id === id)?.name ?? id.slice(0, 8)) : '—');
  const facts: [string, string][] = [
    [t('credentials.type'), t(`credentials.types.${credential.type}`)],
    [t('credentials.visibility'), t(`credentials.visibilities.${credential.visibility}`)],
    [
      t('credentials.owner'),
      credential.ownerAgentId
        ? `${t('credentials.audit.actorTypes.agent')} ${credential.ownerAgentId.slice(0, 8)}`
        : nameOf(credential.ownerUserId),
    ],
    [t('credentials.created'), dateTime(credential.createdAt)],
    [t('credentials.updated'), dateTime(credential.updatedAt)],
  ];

  return (
    <div className="space-y-6">
      <Section>
        <dl className="space-y-3 text-sm">
          {facts.map(([label, value]) => (
            <div key={label} className="flex justify-between gap-4">
              <dt className="text-zinc-500">{label}</dt>
              <dd className="text-right font-medium text-zinc-900">{value}</dd>
            </div>
          ))}
        </dl>
      </Section>
      <Section
        title={t('credentials.sharedWith')}
        actions={
          canShare ? (
            <Button variant="secondary" size="sm" onClick={() => setIsShareOpen(true)}>
              <Share2 aria-hidden className="size-3.5" />
              {t('credentials.share')}
            </Button>
          ) : null
        }
      >
        {credential.sharedWith.userIds.length + credential.sharedWith.agentIds.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('credentials.notShared')}</p>
        ) : (
          <ul className="space-y-1.5 text-sm text-zinc-800">
            {[
              ...credential.sharedWith.userIds.map((id) => ({ id, label: nameOf(id), body: { userIds: [id] } })),
              ...credential.sharedWith.agentIds.map((id) => ({
                id,
                label: `${t('credentials.audit.actorTypes.agent')} ${id.slice(0, 8)}`,
                body: { agentIds: [id] },
              })),
            ].map((grantee) => (
              <li key={grantee.id} className="flex items-center justify-between gap-2">
                <span>{grantee.label}</span>
                {canShare ? (
                  <Button
                    variant="ghost"
                    size="sm"
                    aria-label={t('credentials.unshareFrom', { name: grantee.label })}
                    disabled={unshare.isPending}
                    onClick={() => unshare.mutate(grantee.body)}
                  >
                    {t('credentials.unshare')}
                  </Button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {canDelete ? (
        <Section title={t('credentials.dangerZone')} description={t('credentials.deleteMessage')}>
          <Button variant="danger" onClick={() => setIsDeleteOpen(true)}>
            <Trash2 aria-hidden className="size-4" />
            {t('credentials.delete')}
          </Button>
        </Section>
      ) : null}
      <ShareCredentialDialog
        open={isShareOpen}
        onOpenChange={setIsShareOpen}
        credential={credential}
        members={members}
      />
      <ConfirmDialog
        open={isDeleteOpen}
        onOpenChange={setIsDeleteOpen}
        title={t('credentials.deleteTitle', { name: credential.name })}
        message={t('credentials.deleteMessage')}
        confirmLabel={t('credentials.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(credential.id);
          navigate('/credentials', { replace: true });
        }}
      />
    </div>
  );
}
