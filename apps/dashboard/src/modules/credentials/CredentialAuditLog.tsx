// Every reveal, change, share and use of a credential, newest first, with actors named where known.
import type { CredentialAuditEntry, Member } from '@mcp-studio/protocol';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { ErrorAlert } from '../../ui/Alert';
import { Badge, EmptyState, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { DataTable, td } from '../../ui/Table';
import { useCredentialAudit } from './credentialsApi';

function actorLabel(entry: CredentialAuditEntry, members: Map<string, Member>, t: TFunction): string {
  const kind = t(`credentials.audit.actorTypes.${entry.actorType}`);
  if (!entry.actorId) return kind;
  const member = entry.actorType === 'user' ? members.get(entry.actorId) : undefined;
  return member ? member.name : `${kind} ${entry.actorId.slice(0, 8)}`;
}

export function CredentialAuditLog({ credentialId, members }: { credentialId: string; members: Member[] }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const audit = useCredentialAudit(credentialId);
  const byId = new Map(members.map((m) => [m.id, m]));
  const entries = [...(audit.data?.entries ?? [])].sort((a, b) => b.at.localeCompare(a.at));

  if (audit.isPending) return <Spinner />;
  if (audit.error) return <ErrorAlert error={audit.error} />;
  if (entries.length === 0) return <EmptyState title={t('credentials.audit.empty')} />;

  return (
    <Section>
      <DataTable
        headers={[
          t('credentials.audit.when'),
          t('credentials.audit.action'),
          t('credentials.audit.actor'),
          t('credentials.audit.ip'),
        ]}
      >
        {entries.map((entry) => (
          <tr key={entry.id}>
            <td className={`${td} whitespace-nowrap`}>{dateTime(entry.at)}</td>
            <td className={td}>
              <Badge tone={entry.action === 'revealed' ? 'amber' : entry.action === 'deleted' ? 'red' : 'neutral'}>
                {t(`credentials.audit.actions.${entry.action}`)}
              </Badge>
            </td>
            <td className={td}>{actorLabel(entry, byId, t)}</td>
            <td className={`${td} font-mono text-xs`}>{entry.ip ?? '—'}</td>
          </tr>
        ))}
      </DataTable>
    </Section>
  );
}
