// The vault's list of credentials, with the dialog creating a new one.
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../auth/ability';
import { useFormatters } from '../../lib/format';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Badge, EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { DataTable, td } from '../../ui/Table';
import { CreateCredentialDialog } from './CreateCredentialDialog';
import { canCreateCredential } from './credentialAccess';
import { useCredentials } from './credentialsApi';

export default function CredentialsListPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const ability = useAbility();
  const credentials = useCredentials();
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const canCreate = canCreateCredential(ability);
  const list = credentials.data?.credentials ?? [];

  const createButton = canCreate ? (
    <Button data-testid="open-create-credential" onClick={() => setIsCreateOpen(true)}>
      <Plus aria-hidden className="size-4" />
      {t('credentials.create')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('credentials.title')} description={t('credentials.description')} actions={createButton} />
      <ErrorAlert error={credentials.error} />
      {credentials.isPending ? (
        <Spinner />
      ) : list.length === 0 && credentials.data ? (
        <EmptyState title={t('credentials.empty')} description={t('credentials.emptyDescription')} />
      ) : list.length > 0 ? (
        <Section>
          <DataTable
            bodyTestId="credentials-list"
            headers={[
              t('common.name'),
              t('credentials.type'),
              t('credentials.visibility'),
              t('common.description'),
              t('credentials.updated'),
            ]}
          >
            {list.map((credential) => (
              <tr key={credential.id} className="hover:bg-zinc-50">
                <td className={td}>
                  <Link
                    to={`/credentials/${credential.id}`}
                    className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
                  >
                    {credential.name}
                  </Link>
                </td>
                <td className={td}>
                  <Badge>{t(`credentials.types.${credential.type}`)}</Badge>
                </td>
                <td className={td}>{t(`credentials.visibilities.${credential.visibility}`)}</td>
                <td className={`${td} max-w-xs truncate text-zinc-500`}>{credential.description}</td>
                <td className={`${td} whitespace-nowrap`}>{dateTime(credential.updatedAt)}</td>
              </tr>
            ))}
          </DataTable>
        </Section>
      ) : null}
      <CreateCredentialDialog open={isCreateOpen} onOpenChange={setIsCreateOpen} />
    </>
  );
}
