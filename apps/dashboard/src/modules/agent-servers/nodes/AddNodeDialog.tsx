// Add a node, either way: attach one that already runs (URL and master token) or register a new one (a token and
// the command to paste on the VM, shown once).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Modal } from '../../../ui/Modal';
import { AttachNodeForm } from './AttachNodeForm';
import { RegisterNodeForm } from './RegisterNodeForm';

type Mode = 'attach' | 'register';

export function AddNodeDialog({ onClose }: { onClose(): void }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<Mode>('attach');
  const [isHoldingSecret, setIsHoldingSecret] = useState(false);

  return (
    <Modal
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t('agentServers.addTitle')}
      description={t('agentServers.addDescription')}
      isSticky={isHoldingSecret}
      testId="add-node-dialog"
    >
      {isHoldingSecret ? null : (
        <fieldset className="mb-5 flex gap-1 rounded-lg bg-zinc-100 p-1">
          <legend className="sr-only">{t('agentServers.addMode')}</legend>
          {(['attach', 'register'] as const).map((option) => (
            <label
              key={option}
              className={`flex-1 cursor-pointer rounded-md px-3 py-1.5 text-center text-sm font-medium ${
                mode === option ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900'
              }`}
            >
              <input
                type="radio"
                name="add-node-mode"
                value={option}
                checked={mode === option}
                onChange={() => setMode(option)}
                className="sr-only"
              />
              {t(`agentServers.modes.${option}`)}
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'attach' ? (
        <AttachNodeForm onCancel={onClose} />
      ) : (
        <RegisterNodeForm onCancel={onClose} onShown={setIsHoldingSecret} />
      )}
    </Modal>
  );
}
