// One tool: what it says it does, whether it changed since first seen (and acknowledging that), and calling it.
import type { CatalogTool, McpServer } from '@mcp-studio/protocol';
import { CheckCheck } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { useAbility } from '../../../../auth/ability';
import { useFormatters } from '../../../../lib/format';
import { Alert, ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { Badge } from '../../../../ui/layoutParts';
import { useAcknowledgeTool } from '../../explorerApi';
import { JsonBlock } from '../JsonBlock';
import { ToolCallPanel } from './ToolCallPanel';

const HINTS = ['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint'] as const;

function ChangedToolNotice({ serverId, tool }: { serverId: string; tool: CatalogTool }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const ability = useAbility();
  const acknowledge = useAcknowledgeTool(serverId);
  const previous = tool.previous;
  return (
    <div className="space-y-3 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200 ring-inset" data-testid="tool-changed">
      <p className="text-sm font-medium text-amber-900">
        {t('serverExplorer.tools.changedSince', { date: dateTime(tool.changedAt) })}
      </p>
      <div className="grid gap-3 md:grid-cols-2">
        <div className="space-y-1">
          <p className="text-xs font-medium tracking-wide text-amber-800 uppercase">
            {t('serverExplorer.tools.before')}
          </p>
          <p className="text-sm whitespace-pre-line text-zinc-800" data-testid="tool-previous-description">
            {previous?.description ?? '—'}
          </p>
        </div>
        <div className="space-y-1">
          <p className="text-xs font-medium tracking-wide text-amber-800 uppercase">{t('serverExplorer.tools.now')}</p>
          <p className="text-sm whitespace-pre-line text-zinc-800">{tool.description ?? '—'}</p>
        </div>
      </div>
      {previous ? (
        <details className="text-sm">
          <summary className="cursor-pointer text-amber-900">{t('serverExplorer.tools.compareSchemas')}</summary>
          <div className="mt-2 grid gap-3 md:grid-cols-2">
            <JsonBlock value={previous.inputSchema} label={t('serverExplorer.tools.before')} maxHeight="max-h-64" />
            <JsonBlock value={tool.inputSchema} label={t('serverExplorer.tools.now')} maxHeight="max-h-64" />
          </div>
        </details>
      ) : null}
      <ErrorAlert error={acknowledge.error} />
      {ability.can('update', 'McpServer') ? (
        <Button
          variant="secondary"
          size="sm"
          disabled={acknowledge.isPending}
          onClick={() => acknowledge.mutate(tool.name)}
        >
          <CheckCheck aria-hidden className="size-3.5" />
          {t('serverExplorer.tools.acknowledge')}
        </Button>
      ) : (
        <p className="text-xs text-amber-900">{t('serverExplorer.tools.askAdmin')}</p>
      )}
    </div>
  );
}

export function ToolDetail({ server, tool }: { server: McpServer; tool: CatalogTool }) {
  const { t } = useTranslation();
  const ability = useAbility();
  const blockedReason = !ability.can('use', 'McpServer')
    ? t('serverExplorer.tools.noUse')
    : !server.enabled
      ? t('serverExplorer.serverDisabled')
      : !tool.enabled
        ? t('serverExplorer.tools.toolDisabled')
        : null;
  const annotations = tool.annotations ?? {};
  const hints = HINTS.filter((hint) => annotations[hint] === true);
  return (
    <div className="space-y-5" data-testid="tool-detail">
      <div className="space-y-2">
        <div className="flex flex-wrap items-center gap-2">
          <h2 className="font-mono text-base font-semibold text-zinc-900">{tool.name}</h2>
          {tool.enabled ? null : <Badge tone="red">{t('serverExplorer.tools.disabled')}</Badge>}
          {tool.changed ? <Badge tone="amber">{t('serverExplorer.tools.changed')}</Badge> : null}
          {hints.map((hint) => (
            <Badge key={hint} tone={hint === 'destructiveHint' ? 'red' : 'neutral'}>
              {t(`serverExplorer.tools.hints.${hint}`)}
            </Badge>
          ))}
        </div>
        {tool.title ? <p className="text-sm font-medium text-zinc-700">{tool.title}</p> : null}
        {tool.description ? <p className="text-sm whitespace-pre-line text-zinc-600">{tool.description}</p> : null}
      </div>
      {tool.changed ? <ChangedToolNotice serverId={server.id} tool={tool} /> : null}
      {tool.enabled ? null : <Alert tone="warning">{t('serverExplorer.tools.toolDisabledLong')}</Alert>}
      <ToolCallPanel key={tool.name} serverId={server.id} tool={tool} blockedReason={blockedReason} />
      <div className="space-y-2 border-t border-zinc-200 pt-4">
        <details className="text-sm">
          <summary className="cursor-pointer text-zinc-700">{t('serverExplorer.tools.inputSchema')}</summary>
          <div className="mt-2">
            <JsonBlock value={tool.inputSchema} maxHeight="max-h-64" />
          </div>
        </details>
        {tool.outputSchema ? (
          <details className="text-sm">
            <summary className="cursor-pointer text-zinc-700">{t('serverExplorer.tools.outputSchema')}</summary>
            <div className="mt-2">
              <JsonBlock value={tool.outputSchema} maxHeight="max-h-64" />
            </div>
          </details>
        ) : null}
      </div>
    </div>
  );
}
