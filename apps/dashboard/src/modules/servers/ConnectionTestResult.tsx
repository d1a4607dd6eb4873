// The outcome of "Test connection", for an unsaved registration and a saved server alike.
import type { ConnectionTestResult } from '@mcp-studio/protocol';
import { CheckCircle2, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';

export function ConnectionTestResultView({ result }: { result: ConnectionTestResult }) {
  const { t } = useTranslation();
  if (!result.ok) {
    return (
      <div
        role="alert"
        data-testid="connection-test-result"
        data-ok="false"
        className="flex gap-2 rounded-md bg-red-50 p-3 text-sm text-red-800 ring-1 ring-red-200 ring-inset"
      >
        <XCircle aria-hidden className="mt-0.5 size-4 shrink-0" />
        <div className="min-w-0 space-y-1 break-words">
          <p className="font-medium">
            <span aria-hidden>✗ </span>
            {t('servers.test.failed')}{' '}
            <code data-testid="connection-test-reason" className="rounded bg-red-100 px-1 font-mono text-xs">
              {result.reason}
            </code>
          </p>
          <p className="text-red-700">{t(`servers.test.reasons.${result.reason}`)}</p>
          <p className="font-mono text-xs whitespace-pre-wrap text-red-900">{result.message}</p>
        </div>
      </div>
    );
  }
  const facts: [id: string, label: string, value: string][] = [
    ['server', t('servers.test.server'), `${result.serverInfo.name} ${result.serverInfo.version}`],
    ['protocol', t('servers.test.protocolVersion'), result.protocolVersion],
    ['tools', t('servers.test.tools'), String(result.counts.tools)],
    ['resources', t('servers.test.resources'), String(result.counts.resources)],
    ['prompts', t('servers.test.prompts'), String(result.counts.prompts)],
    ['latency', t('servers.latency'), t('servers.latencyMs', { count: result.latencyMs })],
  ];
  return (
    <div
      role="status"
      data-testid="connection-test-result"
      data-ok="true"
      className="flex gap-2 rounded-md bg-emerald-50 p-3 text-sm text-emerald-900 ring-1 ring-emerald-200 ring-inset"
    >
      <CheckCircle2 aria-hidden className="mt-0.5 size-4 shrink-0" />
      <div className="min-w-0 flex-1">
        <p className="font-medium">
          <span aria-hidden>✓ </span>
          {t('servers.test.succeeded')}
        </p>
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
          {facts.map(([id, label, value]) => (
            <div key={id} className="contents">
              <dt className="text-emerald-700">{label}</dt>
              <dd data-testid={`connection-test-${id}`} className="font-medium break-words">
                {value}
              </dd>
            </div>
          ))}
        </dl>
      </div>
    </div>
  );
}
