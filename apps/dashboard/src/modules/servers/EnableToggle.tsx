// Turns a server on or off; turning on a server with a manifest first shows what it may do, to be confirmed.
import type { McpServer } from '@mcp-studio/protocol';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/apiError';
import { useAbility } from '../../auth/ability';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Modal, ModalActions } from '../../ui/Modal';
import { ManifestPermissions } from './ManifestPermissions';
import { useUpdateServer } from './serversApi';

export function EnableToggle({ server }: { server: Pick<McpServer, 'id' | 'name' | 'enabled' | 'manifest'> }) {
  const { t } = useTranslation();
  const ability = useAbility();
  const update = useUpdateServer(server.id);
  const [isConfirmOpen, setIsConfirmOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);

  if (!ability.can('update', 'McpServer')) {
    return <span>{server.enabled ? t('servers.yes') : t('servers.no')}</span>;
  }

  const setEnabled = async (enabled: boolean) => {
    setError(null);
    try {
      await update.mutateAsync({ enabled });
      setIsConfirmOpen(false);
    } catch (e) {
      setError(e);
    }
  };

  const toggle = () => {
    if (!server.enabled && server.manifest) setIsConfirmOpen(true);
    else void setEnabled(!server.enabled);
  };

  return (
    <span className="inline-flex flex-col items-start gap-1">
      <button
        type="button"
        role="switch"
        aria-checked={server.enabled}
        data-testid={`enable-toggle-${server.name}`}
        disabled={update.isPending}
        onClick={toggle}
        className="group inline-flex items-center gap-2 rounded-full text-sm text-zinc-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-600 disabled:cursor-wait disabled:opacity-60"
      >
        <span
          aria-hidden
          className={`relative inline-flex h-5 w-9 shrink-0 items-center rounded-full transition-colors ${server.enabled ? 'bg-indigo-600' : 'bg-zinc-300'}`}
        >
          <span
            className={`inline-block size-4 rounded-full bg-white shadow transition-transform ${server.enabled ? 'translate-x-4.5' : 'translate-x-0.5'}`}
          />
        </span>
        <span>{t('servers.enabled')}</span>
        <span className="sr-only">— {server.name}</span>
      </button>
      {error && !isConfirmOpen ? (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(error)}
        </span>
      ) : null}
      <Modal
        open={isConfirmOpen}
        onOpenChange={(open) => {
          setIsConfirmOpen(open);
          if (!open) setError(null);
        }}
        title={t('serverWizard.toggle.confirmTitle', { name: server.name })}
        description={t('serverWizard.toggle.confirmMessage')}
        testId="enable-server-dialog"
      >
        {server.manifest ? <ManifestPermissions manifest={server.manifest} /> : null}
        <div className="mt-3">
          <ErrorAlert error={error} />
        </div>
        <ModalActions>
          <Button variant="secondary" onClick={() => setIsConfirmOpen(false)}>
            {t('common.cancel')}
          </Button>
          <Button onClick={() => void setEnabled(true)} disabled={update.isPending}>
            {t('serverWizard.toggle.confirm')}
          </Button>
        </ModalActions>
      </Modal>
    </span>
  );
}
