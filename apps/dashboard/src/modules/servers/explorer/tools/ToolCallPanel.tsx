// Calling one tool: its arguments, Call and Cancel, progress while it runs, then its result and how long it took.
import type { CatalogTool } from '@mcp-studio/protocol';
import { Loader2, Play, Square } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../../../api/apiError';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { formatDuration } from '../format';
import { ArgumentsForm } from '../schemaForm/ArgumentsForm';
import { CallError, CallProgress, CallResult, isFieldErrors } from './CallResult';
import { useElapsed, useToolCall } from './useToolCall';

interface ToolCallPanelProps {
  serverId: string;
  tool: CatalogTool;
  /** Why calling is not possible (role, disabled tool or server), or null when it is. */
  blockedReason: string | null;
}

export function ToolCallPanel({ serverId, tool, blockedReason }: ToolCallPanelProps) {
  const { t, i18n } = useTranslation();
  const { state, call, cancel } = useToolCall(serverId, tool.name);
  const isRunning = state.phase === 'running';
  const elapsed = useElapsed(
    state.phase === 'idle' ? null : state.startedAt,
    state.phase === 'idle' || state.phase === 'running' ? null : state.finishedAt,
  );
  const locale = i18n.resolvedLanguage ?? 'en';
  const fieldErrors =
    state.phase === 'failed' &&
    state.error instanceof ApiError &&
    state.error.code === 'invalid_arguments' &&
    isFieldErrors(state.error.details)
      ? state.error.details
      : undefined;

  return (
    <div className="space-y-4">
      <ArgumentsForm
        inputSchema={tool.inputSchema}
        idPrefix={`tool_${tool.name.replace(/[^\w-]/g, '_')}`}
        disabled={isRunning || blockedReason !== null}
        onSubmit={(args) => void call(args)}
        fieldErrors={fieldErrors}
      >
        <div className="flex flex-wrap items-center gap-2 pt-1">
          <Button type="submit" disabled={blockedReason !== null || isRunning}>
            {isRunning ? (
              <Loader2 aria-hidden className="size-4 animate-spin" />
            ) : (
              <Play aria-hidden className="size-4" />
            )}
            {isRunning ? t('serverExplorer.call.running') : t('serverExplorer.call.button')}
          </Button>
          {isRunning ? (
            <Button variant="secondary" onClick={cancel}>
              <Square aria-hidden className="size-3.5" />
              {t('common.cancel')}
            </Button>
          ) : null}
          {state.phase !== 'idle' ? (
            <span className="text-xs text-zinc-500 tabular-nums" data-testid="call-elapsed">
              {t('serverExplorer.call.elapsed', { duration: formatDuration(elapsed, locale) })}
            </span>
          ) : null}
        </div>
        {blockedReason ? <p className="text-xs text-zinc-500">{blockedReason}</p> : null}
      </ArgumentsForm>

      {isRunning ? <CallProgress progress={state.progress} isRunning /> : null}
      {state.phase === 'cancelled' && state.progress ? (
        <CallProgress progress={state.progress} isRunning={false} />
      ) : null}
      {state.phase === 'cancelled' ? (
        <Alert tone="warning">
          <span data-testid="call-cancelled">{t('serverExplorer.call.cancelled')}</span>
        </Alert>
      ) : null}
      {state.phase === 'failed' ? <CallError error={state.error} /> : null}
      {state.phase === 'done' ? (
        <section aria-label={t('serverExplorer.call.result')} className="space-y-2 border-t border-zinc-200 pt-4">
          <h3 className="text-sm font-semibold text-zinc-900">{t('serverExplorer.call.result')}</h3>
          <CallResult result={state.result} outputSchema={tool.outputSchema} />
        </section>
      ) : null}
    </div>
  );
}
