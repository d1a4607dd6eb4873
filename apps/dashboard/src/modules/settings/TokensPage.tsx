// API tokens of the signed-in user: list, create (secret shown once), revoke and delete.
import type { CreatedToken } from '@mcp-studio/protocol';
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { EmptyState, PageHeader, Section } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { CreateTokenDialog } from './CreateTokenDialog';
import { useTokens } from './settingsApi';
import { TokenSecretDialog } from './TokenSecretDialog';
import { TokensTable } from './TokensTable';

export default function TokensPage() {
  const { t } = useTranslation();
  const tokens = useTokens();
  const [isCreateOpen, setIsCreateOpen] = useState(false);
  const [created, setCreated] = useState<CreatedToken | null>(null);

  const createButton = (
    <Button data-testid="open-create-token" onClick={() => setIsCreateOpen(true)}>
      <Plus aria-hidden className="size-4" />
      {t('tokens.create')}
    </Button>
  );

  return (
    <>
      <PageHeader title={t('tokens.title')} description={t('tokens.description')} actions={createButton} />
      <ErrorAlert error={tokens.error} />
      {tokens.isPending ? (
        <Spinner />
      ) : tokens.data && tokens.data.tokens.length > 0 ? (
        <Section>
          <TokensTable tokens={tokens.data.tokens} />
        </Section>
      ) : tokens.data ? (
        <EmptyState title={t('tokens.empty')} description={t('tokens.emptyDescription')} />
      ) : null}
      <CreateTokenDialog open={isCreateOpen} onOpenChange={setIsCreateOpen} onCreated={setCreated} />
      <TokenSecretDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}
