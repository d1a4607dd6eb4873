// New file, new folder, rename, copy and delete for the selected entry; each asks for a path (or a confirmation).
import type { FsEntry } from '@mcp-studio/protocol';
import { FilePlus, FolderPlus } from 'lucide-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { TextField } from '../../../ui/fields';
import { Modal, ModalActions } from '../../../ui/Modal';
import { type AgentRef, type FsChange, useFsChange } from './filesApi';
import { joinPath, targetDirectory } from './pathNames';

type PathAction = 'newFile' | 'newFolder' | 'rename' | 'copy';

interface FileActionsProps {
  agent: AgentRef;
  selected: FsEntry | null;
  /** After a change: the path that now holds the entry (null when it was deleted), and whether it is a file. */
  onChanged(path: string | null, isFile: boolean): void;
}

export function FileActions({ agent, selected, onChanged }: FileActionsProps) {
  const { t } = useTranslation();
  const change = useFsChange(agent);
  const [action, setAction] = useState<PathAction | null>(null);
  const [isDeleting, setIsDeleting] = useState(false);

  return (
    <div className="flex flex-wrap gap-1.5">
      <Button size="sm" variant="secondary" onClick={() => setAction('newFile')}>
        <FilePlus aria-hidden className="size-3.5" />
        {t('agentFiles.newFile')}
      </Button>
      <Button size="sm" variant="secondary" onClick={() => setAction('newFolder')}>
        <FolderPlus aria-hidden className="size-3.5" />
        {t('agentFiles.newFolder')}
      </Button>
      <Button size="sm" variant="secondary" disabled={!selected} onClick={() => setAction('rename')}>
        {t('agentFiles.rename')}
      </Button>
      <Button size="sm" variant="secondary" disabled={!selected} onClick={() => setAction('copy')}>
        {t('agentFiles.copy')}
      </Button>
      <Button size="sm" variant="secondary" disabled={!selected} onClick={() => setIsDeleting(true)}>
        {t('common.delete')}
      </Button>
      {action ? (
        <PathDialog
          key={action}
          action={action}
          selected={selected}
          onClose={() => setAction(null)}
          onSubmit={async (path) => {
            const isFile = action === 'newFile' || (action !== 'newFolder' && selected?.type !== 'directory');
            const request: FsChange =
              action === 'newFile'
                ? { op: 'create', path }
                : action === 'newFolder'
                  ? { op: 'mkdir', path }
                  : { op: action, from: selected?.path ?? '', to: path };
            await change.mutateAsync(request);
            setAction(null);
            onChanged(path, isFile);
          }}
        />
      ) : null}
      {selected ? (
        <ConfirmDialog
          open={isDeleting}
          onOpenChange={setIsDeleting}
          title={t('agentFiles.deleteTitle', { path: selected.path })}
          message={selected.type === 'directory' ? t('agentFiles.deleteDirectory') : t('agentFiles.deleteFile')}
          confirmLabel={t('common.delete')}
          onConfirm={async () => {
            await change.mutateAsync({ op: 'delete', path: selected.path, recursive: selected.type === 'directory' });
            onChanged(null, false);
          }}
        />
      ) : null}
    </div>
  );
}

interface PathDialogProps {
  action: PathAction;
  selected: FsEntry | null;
  onClose(): void;
  onSubmit(path: string): Promise<void>;
}

function PathDialog({ action, selected, onClose, onSubmit }: PathDialogProps) {
  const { t } = useTranslation();
  const isNew = action === 'newFile' || action === 'newFolder';
  const [path, setPath] = useState(() =>
    isNew
      ? joinPath(targetDirectory(selected), '')
      : action === 'copy'
        ? `${selected?.path ?? ''}-copy`
        : (selected?.path ?? ''),
  );
  const [error, setError] = useState<unknown>(null);
  const [isPending, setIsPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setIsPending(true);
    setError(null);
    try {
      await onSubmit(path.trim().replace(/^\/+/, ''));
    } catch (e) {
      setError(e);
    } finally {
      setIsPending(false);
    }
  };

  return (
    <Modal
      open
      onOpenChange={(open) => (open ? undefined : onClose())}
      title={t(`agentFiles.dialogs.${action}`)}
      description={isNew ? t('agentFiles.pathHint') : t('agentFiles.fromPath', { path: selected?.path ?? '' })}
    >
      <form onSubmit={(event) => void submit(event)} className="space-y-4">
        <TextField
          label={t('agentFiles.path')}
          value={path}
          onChange={(e) => setPath(e.target.value)}
          autoFocus
          required
          className="font-mono"
        />
        <ErrorAlert error={error} />
        <ModalActions>
          <Button variant="secondary" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" disabled={isPending || path.trim() === ''}>
            {t(`agentFiles.submit.${action}`)}
          </Button>
        </ModalActions>
      </form>
    </Modal>
  );
}
