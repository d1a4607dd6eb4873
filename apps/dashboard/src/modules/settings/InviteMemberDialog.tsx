// Invites someone by email and role, then shows the one-time invitation link to pass on.
import { type InviteMemberResult, inviteMemberBodySchema, ROLES, type Role } from '@mcp-studio/protocol';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../lib/format';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { SelectField, TextField } from '../../ui/fields';
import { Modal, ModalActions } from '../../ui/Modal';
import { useInviteMember } from './settingsApi';

export function InviteMemberDialog({ open, onOpenChange }: { open: boolean; onOpenChange(open: boolean): void }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const invite = useInviteMember();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('OPERATOR');
  const [result, setResult] = useState<InviteMemberResult | null>(null);
  const [error, setError] = useState<unknown>(null);

  const close = (next: boolean) => {
    if (!next) {
      setEmail('');
      setRole('OPERATOR');
      setResult(null);
      setError(null);
    }
    onOpenChange(next);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const parsed = inviteMemberBodySchema.safeParse({ email, role });
    if (!parsed.success) return setError(new Error(parsed.error.issues[0]?.message ?? t('common.invalidInput')));
    try {
      setResult(await invite.mutateAsync(parsed.data));
    } catch (e) {
      setError(e);
    }
  };

  if (result) {
    return (
      <Modal open={open} onOpenChange={close} title={t('members.inviteCreated')} isSticky>
        <div className="space-y-4">
          <Alert tone="warning">
            {t('members.inviteLinkHint', {
              email: result.invitation.email,
              date: dateTime(result.invitation.expiresAt),
            })}
          </Alert>
          <TextField
            label={t('members.inviteLink')}
            readOnly
            value={result.inviteUrl}
            onFocus={(e) => e.target.select()}
          />
          <CopyButton value={result.inviteUrl} size="md" />
        </div>
        <ModalActions>
          <Button onClick={() => close(false)}>{t('common.done')}</Button>
        </ModalActions>
      </Modal>
    );
  }

  return (
    <Modal
      open={open}
      onOpenChange={close}
      title={t('members.inviteTitle')}
      description={t('members.inviteDescription')}
    >
      <form className="space-y-4" onSubmit={(e) => void submit(e)}>
        <ErrorAlert error={error} />
        <TextField
          label={t('auth.email')}
          type="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
        />
        <SelectField label={t('members.role')} value={role} onChange={(e) => setRole(e.target.value as Role)}>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`roles.${r}`)}
            </option>
          ))}
        </SelectField>
        <ModalActions>
          <Button variant="secondary" onClick={() => close(false)}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={invite.isPending}>
            {t('members.sendInvite')}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
