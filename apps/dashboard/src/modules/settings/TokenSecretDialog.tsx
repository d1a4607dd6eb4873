// Shows a new token's secret exactly once, with a copy button and a warning.
import type { CreatedToken } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../ui/Alert';
import { Button } from '../../ui/Button';
import { CopyButton } from '../../ui/CopyButton';
import { TextField } from '../../ui/fields';
import { Modal, ModalActions } from '../../ui/Modal';

export function TokenSecretDialog({ created, onClose }: { created: CreatedToken | null; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal
      open={created !== null}
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('tokens.secretTitle', { name: created?.apiToken.name ?? '' })}
      isSticky
      testId="token-secret-dialog"
    >
      <div className="space-y-4">
        <Alert tone="warning">{t('tokens.secretWarning')}</Alert>
        <TextField
          label={t('tokens.secretLabel')}
          readOnly
          value={created?.token ?? ''}
          data-testid="token-secret"
          onFocus={(e) => e.target.select()}
          className="font-mono"
        />
        <CopyButton value={created?.token ?? ''} size="md" />
      </div>
      <ModalActions>
        <Button onClick={onClose}>{t('tokens.secretDone')}</Button>
      </ModalActions>
    </Modal>
  );
}
