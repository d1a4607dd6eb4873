// Register a new node: a single-use token for a name, and the exact command to run on the VM — shown once, kept in
// this component's state only.
import type { CreatedRegistrationToken } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../../lib/format';
import { Alert, ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { CopyButton } from '../../../ui/CopyButton';
import { TextField } from '../../../ui/fields';
import { ModalActions } from '../../../ui/Modal';
import { useCreateRegistrationToken } from './nodesApi';

export function RegisterNodeForm({ onCancel, onShown }: { onCancel(): void; onShown(isShown: boolean): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const create = useCreateRegistrationToken();
  const [name, setName] = useState('');
  const [created, setCreated] = useState<CreatedRegistrationToken | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      setCreated(await create.mutateAsync({ name: name.trim() }));
      onShown(true);
    } catch {
      // Shown below from the mutation's error.
    }
  };

  if (created) {
    return (
      <div className="space-y-4" data-testid="registration-command">
        <Alert tone="warning">{t('agentServers.registerShownOnce')}</Alert>
        <p className="text-sm text-zinc-700">{t('agentServers.registerRun')}</p>
        <pre className="overflow-x-auto rounded-md bg-zinc-900 p-3 font-mono text-xs whitespace-pre-wrap break-all text-zinc-100">
          {created.command}
        </pre>
        <div className="flex flex-wrap items-center gap-3">
          <CopyButton value={created.command} label={t('agentServers.copyCommand')} />
          <span className="text-xs text-zinc-500">
            {t('agentServers.registerExpires', { when: dateTime(created.expiresAt) })}
          </span>
        </div>
        <p className="text-xs text-zinc-500">{t('agentServers.registerHint')}</p>
        <ModalActions>
          <Button onClick={onCancel}>{t('common.done')}</Button>
        </ModalActions>
      </div>
    );
  }

  return (
    <form onSubmit={(event) => void submit(event)} className="space-y-4">
      <TextField
        label={t('common.name')}
        hint={t('agentServers.registerNameHint')}
        value={name}
        onChange={(e) => setName(e.target.value)}
        required
        maxLength={100}
      />
      <ErrorAlert error={create.error} />
      <ModalActions>
        <Button variant="secondary" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={create.isPending || name.trim() === ''}>
          {t('agentServers.createToken')}
        </Button>
      </ModalActions>
    </form>
  );
}
