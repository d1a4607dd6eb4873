// The Logs tab (ADMINs): the process's stderr and the recent JSON-RPC traffic, refreshed on demand or live.
import type { McpServer } from '@mcp-studio/protocol';
import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { CopyButton } from '../../../../ui/CopyButton';
import { Section } from '../../../../ui/layoutParts';
import { Spinner } from '../../../../ui/Spinner';
import { useServerLogs } from '../../explorerApi';
import { Transcript } from './Transcript';
import { useStickToBottom } from './useStickToBottom';

export function LogsTab({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const [isLive, setIsLive] = useState(false);
  const logs = useServerLogs(server.id, isLive);
  const stderr = logs.data?.stderr ?? '';
  const stick = useStickToBottom<HTMLPreElement>(stderr);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-end gap-3">
        <label className="inline-flex items-center gap-2 text-sm text-zinc-700">
          <input
            type="checkbox"
            className="size-4 rounded border-zinc-300 text-indigo-600"
            checked={isLive}
            onChange={(event) => setIsLive(event.target.checked)}
          />
          {t('serverExplorer.logs.live')}
        </label>
        <Button variant="secondary" size="sm" onClick={() => void logs.refetch()} disabled={logs.isFetching}>
          <RefreshCw aria-hidden className={`size-3.5 ${logs.isFetching ? 'animate-spin' : ''}`} />
          {t('serverExplorer.refresh')}
        </Button>
      </div>
      <ErrorAlert error={logs.error} />
      {logs.isPending ? <Spinner /> : null}
      {server.transport === 'stdio' ? (
        <Section
          title={t('serverExplorer.logs.stderr')}
          description={t('serverExplorer.logs.stderrHint')}
          actions={stderr ? <CopyButton value={stderr} variant="ghost" /> : undefined}
        >
          <pre
            ref={stick.ref}
            onScroll={stick.onScroll}
            data-testid="server-stderr"
            className="max-h-80 min-h-24 overflow-auto rounded-md bg-zinc-900 p-3 font-mono text-xs whitespace-pre-wrap text-zinc-100"
          >
            {stderr || t('serverExplorer.logs.noStderr')}
          </pre>
        </Section>
      ) : null}
      <Section title={t('serverExplorer.logs.transcript')} description={t('serverExplorer.logs.transcriptHint')}>
        <Transcript entries={logs.data?.transcript ?? []} />
      </Section>
    </div>
  );
}
