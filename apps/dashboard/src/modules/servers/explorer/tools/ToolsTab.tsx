// The Tools tab: the server's tools as last listed, searchable, with changed and disabled ones marked; one to call.
import type { CatalogTool, McpServer } from '@mcp-studio/protocol';
import { RefreshCw, Search } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAbility } from '../../../../auth/ability';
import { useFormatters } from '../../../../lib/format';
import { Alert, ErrorAlert } from '../../../../ui/Alert';
import { Button } from '../../../../ui/Button';
import { TextField } from '../../../../ui/fields';
import { Badge, EmptyState, Section } from '../../../../ui/layoutParts';
import { Spinner } from '../../../../ui/Spinner';
import { useCatalogTools, useRefreshCatalog } from '../../explorerApi';
import { ToolDetail } from './ToolDetail';

function matches(tool: CatalogTool, query: string): boolean {
  const q = query.trim().toLowerCase();
  if (!q) return true;
  return [tool.name, tool.title, tool.description].some((text) => text?.toLowerCase().includes(q));
}

function ToolList({
  tools,
  selected,
  onSelect,
}: {
  tools: CatalogTool[];
  selected: string | null;
  onSelect(name: string): void;
}) {
  const { t } = useTranslation();
  const listRef = useRef<HTMLUListElement>(null);
  // A tool chosen by address (`?tool=…`) may be far down the list: bring it into sight.
  useEffect(() => {
    const list = listRef.current;
    const item = list?.querySelector<HTMLElement>('[aria-current="true"]');
    if (!list || !item || !selected) return;
    // Only the list scrolls, never the page.
    const top = item.offsetTop - list.offsetTop;
    if (top < list.scrollTop || top + item.offsetHeight > list.scrollTop + list.clientHeight) {
      list.scrollTop = top - list.clientHeight / 2 + item.offsetHeight / 2;
    }
  }, [selected]);
  return (
    <ul ref={listRef} className="-mx-2 max-h-[36rem] space-y-0.5 overflow-y-auto" data-testid="tool-list">
      {tools.map((tool) => {
        const isSelected = tool.name === selected;
        return (
          <li key={tool.name}>
            <button
              type="button"
              data-tool={tool.name}
              aria-current={isSelected ? 'true' : undefined}
              onClick={() => onSelect(tool.name)}
              className={`w-full rounded-md px-2 py-2 text-left transition-colors ${
                isSelected ? 'bg-indigo-50 ring-1 ring-indigo-200 ring-inset' : 'hover:bg-zinc-50'
              }`}
            >
              <span className="flex flex-wrap items-center gap-1.5">
                <span className={`font-mono text-sm ${tool.enabled ? 'text-zinc-900' : 'text-zinc-400 line-through'}`}>
                  {tool.name}
                </span>
                {tool.enabled ? null : <Badge tone="red">{t('serverExplorer.tools.disabled')}</Badge>}
                {tool.changed ? <Badge tone="amber">{t('serverExplorer.tools.changed')}</Badge> : null}
              </span>
              {tool.description ? (
                <span className="mt-0.5 line-clamp-2 text-xs text-zinc-500">{tool.description}</span>
              ) : null}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

export function ToolsTab({ server }: { server: McpServer }) {
  const { t } = useTranslation();
  const { dateTime } = useFormatters();
  const ability = useAbility();
  const query = useCatalogTools(server.id);
  const refresh = useRefreshCatalog(server.id);
  const [params, setParams] = useSearchParams();
  const [search, setSearch] = useState('');
  const tools = query.data?.tools ?? [];
  const shown = tools.filter((tool) => matches(tool, search));
  const selectedName = params.get('tool');
  const selected = tools.find((tool) => tool.name === selectedName) ?? null;
  const changed = tools.filter((tool) => tool.changed);

  const select = (name: string) =>
    setParams((current) => {
      const next = new URLSearchParams(current);
      next.set('tool', name);
      return next;
    });

  if (query.isPending) return <Spinner />;

  return (
    <div className="space-y-4">
      {changed.length > 0 ? (
        <Alert tone="warning">
          <span data-testid="changed-tools-warning">
            {t('serverExplorer.tools.changedWarning', { count: changed.length })}{' '}
            {changed.map((tool, i) => (
              <span key={tool.name}>
                {i > 0 ? ', ' : null}
                <button type="button" className="font-mono underline" onClick={() => select(tool.name)}>
                  {tool.name}
                </button>
              </span>
            ))}
          </span>
        </Alert>
      ) : null}
      <ErrorAlert error={query.error ?? refresh.error} />
      <div className="grid gap-6 lg:grid-cols-[20rem_minmax(0,1fr)]">
        <Section
          title={t('serverExplorer.tools.title', { count: tools.length })}
          description={
            query.data?.refreshedAt
              ? t('serverExplorer.refreshedAt', { date: dateTime(query.data.refreshedAt) })
              : undefined
          }
          actions={
            ability.can('update', 'McpServer') ? (
              <Button variant="secondary" size="sm" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
                <RefreshCw aria-hidden className={`size-3.5 ${refresh.isPending ? 'animate-spin' : ''}`} />
                {t('serverExplorer.refresh')}
              </Button>
            ) : undefined
          }
        >
          <div className="space-y-3">
            <div className="relative">
              <Search aria-hidden className="pointer-events-none absolute top-2.5 left-2.5 size-4 text-zinc-400" />
              <TextField
                label={t('serverExplorer.tools.search')}
                hideLabel
                type="search"
                placeholder={t('serverExplorer.tools.search')}
                value={search}
                onChange={(event) => setSearch(event.target.value)}
                className="pl-8"
              />
            </div>
            {shown.length === 0 ? (
              <p className="py-4 text-center text-sm text-zinc-500">
                {tools.length === 0 ? t('serverExplorer.tools.none') : t('serverExplorer.tools.noMatch')}
              </p>
            ) : (
              <ToolList tools={shown} selected={selected?.name ?? null} onSelect={select} />
            )}
          </div>
        </Section>
        <Section>
          {selected ? (
            <ToolDetail server={server} tool={selected} />
          ) : (
            <EmptyState title={t('serverExplorer.tools.choose')} description={t('serverExplorer.tools.chooseHint')} />
          )}
        </Section>
      </div>
    </div>
  );
}
