// A tool call's outcome: its content parts, structured content, the tool's own error flag, or the API's refusal.
import type { CallToolResult, ToolCallProgress } from '@mcp-studio/protocol';
import { CheckCircle2 } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../../../api/apiError';
import { Alert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { CopyButton } from '../../../../ui/CopyButton';
import { ContentPart } from '../ContentPartView';
import { classifyContentPart, textOf } from '../contentParts';
import { JsonBlock, toPrettyJson } from '../JsonBlock';
import { checkJsonSchema } from '../schemaForm/schemaCheck';

function OutputCheck({ schema, value }: { schema: Record<string, unknown>; value: unknown }) {
  const { t } = useTranslation();
  const errors = checkJsonSchema(schema, value);
  if (errors.length === 0) {
    return (
      <p
        className="flex items-center gap-1.5 text-xs text-emerald-700"
        data-testid="output-schema-check"
        data-ok="true"
      >
        <CheckCircle2 aria-hidden className="size-3.5" />
        {t('serverExplorer.call.matchesOutputSchema')}
      </p>
    );
  }
  return (
    <Alert tone="warning">
      <p data-testid="output-schema-check" data-ok="false">
        {t('serverExplorer.call.outputSchemaMismatch')}
      </p>
      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
        {errors.map((error, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: errors are positional and may repeat
          <li key={i}>
            <code className="font-mono">{error.property}</code> {error.message}
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/** A tool call's result; with the tool's output schema, its structured content is checked against it. */
export function CallResult({
  result,
  outputSchema,
}: {
  result: CallToolResult;
  outputSchema?: Record<string, unknown>;
}) {
  const { t } = useTranslation();
  const [isRaw, setIsRaw] = useState(false);
  const parts = result.content.map(classifyContentPart);
  const text = textOf(parts);
  return (
    <div className="space-y-3" data-testid="call-result" data-is-error={result.isError === true}>
      <div className="flex flex-wrap items-center justify-end gap-2">
        {text ? <CopyButton value={text} variant="ghost" label={t('serverExplorer.call.copyText')} /> : null}
        <CopyButton value={toPrettyJson(result)} variant="ghost" label={t('serverExplorer.copyJson')} />
        <Button variant="ghost" size="sm" onClick={() => setIsRaw((v) => !v)} aria-pressed={isRaw}>
          {isRaw ? t('serverExplorer.call.showRendered') : t('serverExplorer.call.showRaw')}
        </Button>
      </div>
      {result.isError ? <Alert tone="error">{t('serverExplorer.call.toolError')}</Alert> : null}
      {isRaw ? (
        <JsonBlock value={result} maxHeight="max-h-[32rem]" />
      ) : (
        <>
          {parts.length === 0 ? <p className="text-sm text-zinc-500">{t('serverExplorer.call.noContent')}</p> : null}
          {parts.map((part, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts are positional and may repeat
            <ContentPart key={i} part={part} />
          ))}
          {result.structuredContent !== undefined ? (
            <JsonBlock
              value={result.structuredContent}
              label={t('serverExplorer.call.structuredContent')}
              testId="structured-content"
            />
          ) : null}
          {outputSchema && !result.isError ? (
            result.structuredContent === undefined ? (
              <Alert tone="warning">{t('serverExplorer.call.noStructuredContent')}</Alert>
            ) : (
              <OutputCheck schema={outputSchema} value={result.structuredContent} />
            )
          ) : null}
        </>
      )}
    </div>
  );
}

/** The `details` of an `invalid_arguments` refusal: one entry per argument error. */
export function isFieldErrors(value: unknown): value is { path: string; message: string }[] {
  return (
    Array.isArray(value) &&
    value.every((d) => typeof d === 'object' && d !== null && 'message' in d && typeof d.message === 'string')
  );
}

/** The studio's refusal, with the argument errors it found listed one per line. */
export function CallError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const details = error instanceof ApiError && isFieldErrors(error.details) ? error.details : [];
  // The message of an argument refusal repeats the list below it: a heading reads better.
  const heading =
    error instanceof ApiError && error.code === 'invalid_arguments' && details.length > 0
      ? t('serverExplorer.call.invalidArguments')
      : errorMessage(error);
  return (
    <Alert tone="error">
      <p data-testid="call-error">{heading}</p>
      {details.length > 0 ? (
        <ul className="mt-1 list-disc space-y-0.5 pl-5 text-xs">
          {details.map((d, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: errors are positional and may repeat
            <li key={i}>
              {d.path ? <code className="font-mono">{d.path}</code> : null} {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </Alert>
  );
}

/** Determinate when the server gives a total, otherwise a moving bar with the count so far. */
export function CallProgress({ progress, isRunning }: { progress: ToolCallProgress | null; isRunning: boolean }) {
  const { t } = useTranslation();
  const total = progress?.total;
  const percent = progress && total && total > 0 ? Math.min(100, Math.round((progress.progress / total) * 100)) : null;
  const label =
    progress === null
      ? t('serverExplorer.call.waiting')
      : total !== undefined
        ? t('serverExplorer.call.progressOf', { progress: progress.progress, total })
        : t('serverExplorer.call.progressCount', { progress: progress.progress });
  return (
    <div className="space-y-1.5">
      <div
        role="progressbar"
        aria-label={t('serverExplorer.call.progress')}
        aria-valuemin={0}
        aria-valuemax={percent === null ? undefined : 100}
        aria-valuenow={percent ?? undefined}
        aria-valuetext={label}
        data-testid="call-progress"
        className="h-2 overflow-hidden rounded-full bg-zinc-200"
      >
        {percent === null ? (
          <div className={`h-full w-1/3 rounded-full bg-indigo-500 ${isRunning ? 'animate-pulse' : ''}`} />
        ) : (
          <div className="h-full rounded-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
        )}
      </div>
      <p className="flex flex-wrap justify-between gap-2 text-xs text-zinc-600">
        <span>{label}</span>
        {progress?.message ? <span className="text-zinc-500">{progress.message}</span> : null}
      </p>
    </div>
  );
}
