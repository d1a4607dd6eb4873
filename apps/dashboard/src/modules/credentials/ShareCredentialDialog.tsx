// Picks members to share a credential with; those who already have it are listed, not offered.
import type { Credential, Member } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { Modal, ModalActions } from '../../ui/Modal';
import { useShareCredential } from './credentialsApi';

interface ShareCredentialDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  credential: Credential;
  members: Member[];
}

export function ShareCredentialDialog({ open, onOpenChange, credential, members }: ShareCredentialDialogProps) {
  const { t } = useTranslation();
  const share = useShareCredential(credential.id);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const candidates = members.filter(
    (m) => m.id !== credential.ownerUserId && !credential.sharedWith.userIds.includes(m.id),
  );

  const close = (next: boolean) => {
    if (!next) {
      setSelected(new Set());
      share.reset();
    }
    onOpenChange(next);
  };

  const toggle = (id: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (selected.size > 0) share.mutate([...selected], { onSuccess: () => close(false) });
  };

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={t('credentials.shareTitle', { name: credential.name })}
      description={t('credentials.shareDescription')}
    >
      <form onSubmit={submit}>
        <ErrorAlert error={share.error} />
        {candidates.length === 0 ? (
          <p className="text-sm text-zinc-500">{t('credentials.noOneToShare')}</p>
        ) : (
          <fieldset className="max-h-72 space-y-1 overflow-y-auto">
            <legend className="sr-only">{t('credentials.members')}</legend>
            {candidates.map((member) => (
              <label
                key={member.id}
                className="flex cursor-pointer items-center gap-3 rounded-md px-2 py-2 hover:bg-zinc-50"
              >
                <input
                  type="checkbox"
                  checked={selected.has(member.id)}
                  onChange={() => toggle(member.id)}
                  className="size-4 rounded border-zinc-300 text-indigo-600 focus:ring-indigo-600"
                />
                <span className="min-w-0">
                  <span className="block text-sm font-medium text-zinc-900">{member.name}</span>
                  <span className="block truncate text-xs text-zinc-500">{member.email}</span>
                </span>
              </label>
            ))}
          </fieldset>
        )}
        <ModalActions>
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={share.isPending || selected.size === 0}>
            {t('credentials.share')}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
