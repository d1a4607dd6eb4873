// The form creating an API token: name, permissions (with suggestions) and an optional expiry date.
import type { CreatedToken } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { TextField } from '../../ui/fields';
import { Modal, ModalActions } from '../../ui/Modal';
import { useCreateToken } from './settingsApi';
import {
  endOfDayIso,
  invalidPermissions,
  SUGGESTED_PERMISSIONS,
  splitPermissions,
  togglePermission,
} from './tokenPermissions';

interface CreateTokenDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  onCreated(token: CreatedToken): void;
}

function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

export function CreateTokenDialog({ open, onOpenChange, onCreated }: CreateTokenDialogProps) {
  const { t } = useTranslation();
  const create = useCreateToken();
  const [name, setName] = useState('');
  const [permissionsText, setPermissionsText] = useState('*');
  const [expiresOn, setExpiresOn] = useState('');
  const [error, setError] = useState<unknown>(null);
  const selected = splitPermissions(permissionsText);

  const close = (next: boolean) => {
    if (!next) {
      setName('');
      setPermissionsText('*');
      setExpiresOn('');
      setError(null);
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const permissions = splitPermissions(permissionsText);
    const invalid = invalidPermissions(permissions);
    if (permissions.length === 0) return setError(new Error(t('tokens.permissionsRequired')));
    if (invalid.length > 0) return setError(new Error(t('tokens.invalidPermissions', { list: invalid.join(', ') })));
    try {
      const created = await create.mutateAsync({
        name: name.trim(),
        permissions,
        ...(expiresOn ? { expiresAt: endOfDayIso(expiresOn) } : {}),
      });
      close(false);
      onCreated(created);
    } catch (e) {
      setError(e);
    }
  };

  return (
    <Modal open={open} onOpenChange={close} title={t('tokens.createTitle')} description={t('tokens.createDescription')}>
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error} />
        <TextField
          label={t('common.name')}
          required
          maxLength={200}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
        <div className="space-y-2">
          <TextField
            label={t('tokens.permissions')}
            hint={t('tokens.permissionsHint')}
            required
            value={permissionsText}
            onChange={(e) => setPermissionsText(e.target.value)}
            className="font-mono"
          />
          <div className="flex flex-wrap items-center gap-1.5">
            <span className="text-xs text-zinc-500">{t('tokens.suggestions')}</span>
            {SUGGESTED_PERMISSIONS.map((permission) => {
              const isSelected = selected.includes(permission);
              return (
                <button
                  key={permission}
                  type="button"
                  aria-pressed={isSelected}
                  onClick={() => setPermissionsText((text) => togglePermission(text, permission))}
                  className={`rounded-full px-2 py-0.5 font-mono text-xs ring-1 ring-inset ${
                    isSelected
                      ? 'bg-indigo-50 text-indigo-700 ring-indigo-300'
                      : 'bg-white text-zinc-700 ring-zinc-300 hover:bg-zinc-50'
                  }`}
                >
                  {permission}
                </button>
              );
            })}
          </div>
        </div>
        <TextField
          label={t('tokens.expiresOn')}
          hint={t('tokens.expiresHint')}
          type="date"
          min={today()}
          value={expiresOn}
          onChange={(e) => setExpiresOn(e.target.value)}
        />
        <ModalActions>
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" data-testid="submit-create-token" disabled={create.isPending}>
            {t('tokens.create')}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
