// Asks before a destructive action and shows the server's refusal if there is one.
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from './Alert';
import { Button } from './Button';
import { Modal, ModalActions } from './Modal';

interface ConfirmDialogProps {
  open: boolean;
  onOpenChange(open: boolean): void;
  title: ReactNode;
  message: ReactNode;
  confirmLabel: string;
  onConfirm(): Promise<unknown>;
}

export function ConfirmDialog({ open, onOpenChange, title, message, confirmLabel, onConfirm }: ConfirmDialogProps) {
  const { t } = useTranslation();
  const [isPending, setIsPending] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const close = (next: boolean) => {
    if (!next) setError(null);
    onOpenChange(next);
  };

  const confirm = async () => {
    setIsPending(true);
    setError(null);
    try {
      await onConfirm();
      close(false);
    } catch (e) {
      setError(e);
    } finally {
      setIsPending(false);
    }
  };

  return (
    <Modal open={open} onOpenChange={close} title={title} description={message}>
      <ErrorAlert error={error} />
      <ModalActions>
        <Button variant="secondary" onClick={() => close(false)}>
          {t('common.cancel')}
        </Button>
        <Button variant="danger" onClick={() => void confirm()} disabled={isPending}>
          {confirmLabel}
        </Button>
      </ModalActions>
    </Modal>
  );
}
