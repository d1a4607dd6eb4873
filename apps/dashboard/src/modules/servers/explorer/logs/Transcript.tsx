// The JSON-RPC transcript: one line per message (time, direction, what it is), each expandable to its JSON.
import type { TranscriptEntry } from '@mcp-studio/protocol';
import { ArrowDownLeft, ArrowUpRight } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../../../ui/fields';
import { Badge } from '../../../../ui/layoutParts';
import { formatPreciseTime } from '../format';
import { JsonBlock } from '../JsonBlock';
import { type MessageSummary, summarizeMessage, summaryText } from './transcriptSummary';
import { useStickToBottom } from './useStickToBottom';

function SummaryLine({ summary, answers }: { summary: MessageSummary; answers: string | undefined }) {
  const { t } = useTranslation();
  switch (summary.kind) {
    case 'request':
      return (
        <>
          <span className="font-mono font-medium text-zinc-900">{summary.method}</span>
          <span className="text-zinc-400">#{summary.id}</span>
        </>
      );
    case 'notification':
      return <span className="font-mono text-zinc-700">{summary.method}</span>;
    case 'response':
      return (
        <span className="text-zinc-700">
          {t('serverExplorer.logs.response')} <span className="text-zinc-400">#{summary.id}</span>
          {answers ? <span className="ml-1 font-mono text-zinc-500">({answers})</span> : null}
        </span>
      );
    case 'error':
      return (
        <span className="text-red-700">
          {t('serverExplorer.logs.error')} <span className="text-red-400">#{summary.id}</span>
          {answers ? <span className="ml-1 font-mono">({answers})</span> : null}
          {summary.message ? `: ${summary.message}` : null}
        </span>
      );
    case 'unknown':
      return <span className="text-zinc-500">{t('serverExplorer.logs.unknown')}</span>;
  }
}

export function Transcript({ entries }: { entries: TranscriptEntry[] }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState('');
  const stick = useStickToBottom<HTMLOListElement>(entries);
  const locale = i18n.resolvedLanguage ?? 'en';
  const summaries = entries.map((entry) => summarizeMessage(entry.message));
  // A response names the request it answers: requests and responses travel in opposite directions with one id.
  const methodOf = new Map<string, string>();
  entries.forEach((entry, i) => {
    const summary = summaries[i];
    if (summary?.kind === 'request') methodOf.set(`${entry.direction}:${summary.id}`, summary.method);
  });
  const rows = entries
    .map((entry, i) => {
      const summary = summaries[i] ?? { kind: 'unknown' as const };
      const requestDirection = entry.direction === 'sent' ? 'received' : 'sent';
      const answers =
        summary.kind === 'response' || summary.kind === 'error'
          ? methodOf.get(`${requestDirection}:${summary.id}`)
          : undefined;
      return { entry, summary, answers, index: i };
    })
    .filter(({ summary, answers }) =>
      `${summaryText(summary)} ${answers ?? ''}`.toLowerCase().includes(filter.trim().toLowerCase()),
    );

  if (entries.length === 0) return <p className="text-sm text-zinc-500">{t('serverExplorer.logs.noTranscript')}</p>;

  return (
    <div className="space-y-3">
      <TextField
        label={t('serverExplorer.logs.filter')}
        hideLabel
        type="search"
        placeholder={t('serverExplorer.logs.filter')}
        value={filter}
        onChange={(event) => setFilter(event.target.value)}
      />
      <ol
        ref={stick.ref}
        onScroll={stick.onScroll}
        className="max-h-[32rem] divide-y divide-zinc-100 overflow-y-auto rounded-md ring-1 ring-zinc-200"
        data-testid="transcript"
      >
        {rows.map(({ entry, summary, answers, index }) => {
          const isSent = entry.direction === 'sent';
          const Arrow = isSent ? ArrowUpRight : ArrowDownLeft;
          return (
            <li key={index} data-direction={entry.direction}>
              <details className="group">
                <summary className="flex cursor-pointer list-none flex-wrap items-center gap-2 px-3 py-1.5 text-xs hover:bg-zinc-50">
                  <time dateTime={entry.at} className="font-mono text-zinc-500 tabular-nums">
                    {formatPreciseTime(entry.at, locale)}
                  </time>
                  <Arrow
                    aria-label={isSent ? t('serverExplorer.logs.sent') : t('serverExplorer.logs.received')}
                    className={`size-3.5 shrink-0 ${isSent ? 'text-indigo-600' : 'text-emerald-600'}`}
                  />
                  <SummaryLine summary={summary} answers={answers} />
                  {entry.truncated ? <Badge tone="amber">{t('serverExplorer.logs.truncated')}</Badge> : null}
                </summary>
                <div className="px-3 pb-3">
                  <JsonBlock value={entry.message} maxHeight="max-h-72" />
                </div>
              </details>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
