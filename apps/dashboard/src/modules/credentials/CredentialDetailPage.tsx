// One credential: its masked value, details, rotation and sharing, and its audit log in a second tab.
import { ArrowLeft } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ApiError } from '../../api/apiError';
import { useMembers } from '../../api/sharedQueries';
import { useAbility } from '../../auth/ability';
import { ErrorAlert } from '../../ui/Alert';
import { Badge, EmptyState, PageHeader } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { CredentialAuditLog } from './CredentialAuditLog';
import { CredentialSummary } from './CredentialSummary';
import { CredentialValuePanel } from './CredentialValuePanel';
import { canListMembers, credentialPermissions } from './credentialAccess';
import { useCredential } from './credentialsApi';
import { EditCredentialForm } from './EditCredentialForm';
import { RotateValueForm } from './RotateValueForm';

type Tab = 'overview' | 'audit';

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/credentials" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft aria-hidden className="size-4" />
      {t('credentials.back')}
    </Link>
  );
}

export default function CredentialDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const ability = useAbility();
  const query = useCredential(id);
  const members = useMembers(canListMembers(ability));
  const [tab, setTab] = useState<Tab>('overview');
  const credential = query.data;

  // A 404 after a deletion elsewhere must win over the last data still held by the query.
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  if (query.isPending) return <Spinner />;
  if (!credential || isMissing) {
    return (
      <>
        <BackLink />
        {isMissing ? <EmptyState title={t('credentials.notFound')} /> : <ErrorAlert error={query.error} />}
      </>
    );
  }

  const may = credentialPermissions(ability, credential);
  const memberList = members.data?.members ?? [];
  const tabs: { id: Tab; label: string }[] = [
    { id: 'overview', label: t('credentials.tabs.overview') },
    { id: 'audit', label: t('credentials.tabs.audit') },
  ];

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {credential.name}
            <Badge>{t(`credentials.types.${credential.type}`)}</Badge>
          </span>
        }
        description={credential.description ?? undefined}
      />
      <div role="tablist" aria-label={credential.name} className="mb-6 flex gap-1 border-b border-zinc-200">
        {tabs.map((item) => (
          <button
            key={item.id}
            id={`tab-${item.id}`}
            type="button"
            role="tab"
            aria-selected={tab === item.id}
            aria-controls={`panel-${item.id}`}
            onClick={() => setTab(item.id)}
            className={`-mb-px border-b-2 px-3 py-2 text-sm font-medium ${
              tab === item.id
                ? 'border-indigo-600 text-indigo-700'
                : 'border-transparent text-zinc-600 hover:text-zinc-900'
            }`}
          >
            {item.label}
          </button>
        ))}
      </div>
      <div id={`panel-${tab}`} role="tabpanel" aria-labelledby={`tab-${tab}`}>
        {tab === 'overview' ? (
          <div className="grid gap-6 lg:grid-cols-3">
            <div className="space-y-6 lg:col-span-2">
              <CredentialValuePanel
                credentialId={credential.id}
                version={credential.updatedAt}
                mayReveal={may.reveal}
              />
              {may.update ? (
                <>
                  <EditCredentialForm credential={credential} />
                  <RotateValueForm credential={credential} />
                </>
              ) : null}
            </div>
            <CredentialSummary
              credential={credential}
              members={memberList}
              canDelete={may.delete}
              canShare={may.share}
            />
          </div>
        ) : (
          <CredentialAuditLog credentialId={credential.id} members={memberList} />
        )}
      </div>
    </>
  );
}
