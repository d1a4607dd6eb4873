// The open file in Monaco (bundled, see monacoSetup.ts): save with Ctrl/Cmd+S or the button; a conflicting change by
// someone else is shown with the choice to reload it or overwrite it.
import Editor from '@monaco-editor/react';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { EmptyState } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { formatBytes } from '../nodeFormat';
import { languageOf } from './monacoSetup';
import type { useOpenFile } from './useOpenFile';

type OpenFile = ReturnType<typeof useOpenFile>;

export function FileEditor({ open }: { open: OpenFile }) {
  const { t } = useTranslation();
  const { state, edit, save, reload, isDirty } = open;
  // Monaco's command closes over the first render: read the latest save through a ref.
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!isDirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [isDirty]);

  if (state.kind === 'closed')
    return <EmptyState title={t('agentFiles.noFile')} description={t('agentFiles.noFileDescription')} />;
  if (state.kind === 'loading') return <Spinner />;
  if (state.kind === 'failed') return <ErrorAlert error={state.error} />;

  const { file } = state;
  const isText = file.encoding === 'utf8';
  return (
    <div className="space-y-2" data-testid="file-editor" data-path={file.path}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="min-w-0 truncate font-mono text-sm text-zinc-800">
          {file.path}
          <span className="ml-2 text-xs text-zinc-500">
            {formatBytes(file.size)} · {file.mode}
            {isDirty ? ` · ${t('agentFiles.unsaved')}` : ''}
          </span>
        </p>
        {isText ? (
          <Button size="sm" onClick={() => void save()} disabled={state.isSaving || !isDirty} data-testid="save-file">
            {state.isSaving ? t('common.saving') : t('common.save')}
          </Button>
        ) : null}
      </div>
      {state.conflict ? (
        <Alert tone="warning">
          <span className="block">
            {state.conflict.currentModifiedAt ? t('agentFiles.conflict') : t('agentFiles.conflictGone')}
          </span>
          <span className="mt-2 flex flex-wrap gap-2">
            <Button size="sm" variant="secondary" onClick={() => void reload()}>
              {t('agentFiles.reload')}
            </Button>
            <Button size="sm" variant="danger" onClick={() => void save(true)} data-testid="overwrite-file">
              {t('agentFiles.overwrite')}
            </Button>
          </span>
        </Alert>
      ) : null}
      <ErrorAlert error={state.saveError} />
      {isText ? (
        <div className="h-[28rem] overflow-hidden rounded-md ring-1 ring-zinc-200">
          {/* Uncontrolled: feeding each keystroke back as `value` would race the typing and drop characters. */}
          <Editor
            key={state.generation}
            defaultValue={file.content}
            language={languageOf(file.path)}
            onChange={(value) => edit(value ?? '')}
            loading={<Spinner />}
            options={{ minimap: { enabled: false }, fontSize: 13, scrollBeyondLastLine: false, automaticLayout: true }}
            onMount={(editor, monaco) => {
              editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.KeyS, () => void saveRef.current());
            }}
          />
        </div>
      ) : (
        <Alert tone="warning">{t('agentFiles.binary')}</Alert>
      )}
    </div>
  );
}
