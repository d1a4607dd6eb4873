// The outcome of "Test connection", for an unsaved registration and a saved server alike: each check, then the facts.
import { CONNECTION_CHECKS, type ConnectionCheck, type ConnectionTestResult } from '@mcp-studio/protocol';
import { CheckCircle2, RotateCw, XCircle } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button';

/**
 * Every step of the test in order; a step after a failure was not run and is shown as such. A check's message is left
 * out when it repeats the failure already shown above the list.
 */
function CheckList({ checks, shownMessage }: { checks: ConnectionCheck[]; shownMessage?: string }) {
  const { t } = useTranslation();
  if (checks.length === 0) return null;
  return (
    <ul className="mt-2 space-y-1" aria-label={t('serverWizard.test.checks')}>
      {CONNECTION_CHECKS.map((name) => {
        const check = checks.find((c) => c.check === name);
        const state = check ? (check.ok ? 'ok' : 'failed') : 'skipped';
        const tone = state === 'ok' ? 'text-emerald-700' : state === 'failed' ? 'text-red-700' : 'text-zinc-400';
        return (
          <li key={name} data-testid={`connection-check-${name}`} data-state={state} className="flex items-start gap-2">
            <span aria-hidden className={`w-4 shrink-0 text-center font-semibold ${tone}`}>
              {state === 'ok' ? '✓' : state === 'failed' ? '✗' : '–'}
            </span>
            <span className="min-w-0 flex-1">
              <span className={state === 'skipped' ? 'text-zinc-500' : 'font-medium text-zinc-900'}>
                {t(`serverWizard.test.checkNames.${name}`)}
              </span>
              {state === 'skipped' ? null : (
                <span className="sr-only"> {t(`serverWizard.test.checkStates.${state}`)}</span>
              )}
              {state === 'skipped' ? (
                <span className="text-zinc-400"> — {t('serverWizard.test.checkStates.skipped')}</span>
              ) : null}
              {check?.message && check.message !== shownMessage ? (
                <span className="block font-mono text-xs break-words text-zinc-600">{check.message}</span>
              ) : null}
            </span>
            {check?.latencyMs !== undefined ? (
              <span className="text-xs text-zinc-500 tabular-nums">
                {t('servers.latencyMs', { count: check.latencyMs })}
              </span>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function RetryButton({ onRetry }: { onRetry?: () => void }) {
  const { t } = useTranslation();
  if (!onRetry) return null;
  return (
    <Button variant="secondary" size="sm" onClick={onRetry} className="mt-3">
      <RotateCw aria-hidden className="size-3.5" />
      {t('common.retry')}
    </Button>
  );
}

export function ConnectionTestResultView({ result, onRetry }: { result: ConnectionTestResult; onRetry?: () => void }) {
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
        <div className="min-w-0 flex-1 space-y-1 break-words">
          <p className="font-medium">
            <span aria-hidden>✗ </span>
            {t('servers.test.failed')}{' '}
            <code data-testid="connection-test-reason" className="rounded bg-red-100 px-1 font-mono text-xs">
              {result.reason}
            </code>
          </p>
          <p className="text-red-700">{t(`servers.test.reasons.${result.reason}`)}</p>
          <p data-testid="connection-test-message" className="font-mono text-xs whitespace-pre-wrap text-red-900">
            {result.message}
          </p>
          {result.checks.length > 0 ? (
            <div className="rounded bg-white/60 px-2 pb-2">
              <CheckList checks={result.checks} shownMessage={result.message} />
            </div>
          ) : null}
          <RetryButton onRetry={onRetry} />
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
        <div className={`mt-2 grid gap-4 ${result.checks.length > 0 ? 'sm:grid-cols-2' : ''}`}>
          <CheckList checks={result.checks} />
          <dl className="mt-2 grid h-fit grid-cols-[auto_1fr] gap-x-4 gap-y-1">
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
        <RetryButton onRetry={onRetry} />
      </div>
    </div>
  );
}
