// One MCP server: its registration and tabs to explore it (tools, resources, prompts), its logs, health and settings.
import type { McpServer } from '@mcp-studio/protocol';
import { ArrowLeft } from 'lucide-react';
import { type ComponentType, lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/apiError';
import { type AppAbility, useAbility } from '../../auth/ability';
import { Alert, ErrorAlert } from '../../ui/Alert';
import { EmptyState, PageHeader } from '../../ui/layoutParts';
import { Spinner } from '../../ui/Spinner';
import { TabBar } from '../../ui/TabBar';
import { EnableToggle } from './EnableToggle';
import { OverviewTab } from './explorer/overview/OverviewTab';
import { ServerSettingsTab } from './ServerSettingsTab';
import { StatusBadge } from './serverBadges';
import { useServer } from './serversApi';

type TabProps = { server: McpServer };

// The heavier tabs (a form generator, a chart library) load only when opened.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType<TabProps>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const ToolsTab = named(() => import('./explorer/tools/ToolsTab'), 'ToolsTab');
const ResourcesTab = named(() => import('./explorer/resources/ResourcesTab'), 'ResourcesTab');
const PromptsTab = named(() => import('./explorer/prompts/PromptsTab'), 'PromptsTab');
const LogsTab = named(() => import('./explorer/logs/LogsTab'), 'LogsTab');
const HealthTab = named(() => import('./explorer/health/HealthTab'), 'HealthTab');

const TABS = {
  overview: { component: OverviewTab, isAllowed: () => true },
  tools: { component: ToolsTab, isAllowed: () => true },
  resources: { component: ResourcesTab, isAllowed: () => true },
  prompts: { component: PromptsTab, isAllowed: () => true },
  // Logs hold tool arguments, which may be sensitive: ADMINs only, as the studio enforces.
  logs: { component: LogsTab, isAllowed: (ability: AppAbility) => ability.can('update', 'McpServer') },
  health: { component: HealthTab, isAllowed: () => true },
  settings: { component: ServerSettingsTab, isAllowed: (ability: AppAbility) => ability.can('update', 'McpServer') },
} satisfies Record<string, { component: ComponentType<TabProps>; isAllowed(ability: AppAbility): boolean }>;
type TabId = keyof typeof TABS;

const isTabId = (value: string | null): value is TabId => value !== null && Object.hasOwn(TABS, value);

function BackLink() {
  const { t } = useTranslation();
  return (
    <Link to="/servers" className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900">
      <ArrowLeft aria-hidden className="size-4" />
      {t('servers.back')}
    </Link>
  );
}

export default function ServerDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const ability = useAbility();
  const query = useServer(id);
  const server = query.data;

  // A 404 after a deletion elsewhere must win over the last data still held by the query.
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  if (query.isPending) return <Spinner />;
  if (!server || isMissing) {
    return (
      <>
        <BackLink />
        {isMissing ? <EmptyState title={t('servers.notFound')} /> : <ErrorAlert error={query.error} />}
      </>
    );
  }

  const tabIds = (Object.keys(TABS) as TabId[]).filter((tab) => TABS[tab].isAllowed(ability));
  const requested = params.get('tab');
  const current: TabId = isTabId(requested) && tabIds.includes(requested) ? requested : 'overview';
  const Tab = TABS[current].component;
  const isExplorer = current === 'tools' || current === 'resources' || current === 'prompts';

  return (
    <>
      <BackLink />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2" data-testid="server-name">
            {server.name}
            <StatusBadge status={server.status} />
            {server.enabled ? null : <span className="text-sm font-normal text-zinc-500">{t('servers.disabled')}</span>}
          </span>
        }
        description={server.description ?? undefined}
        actions={ability.can('update', 'McpServer') ? <EnableToggle server={server} /> : undefined}
      />
      <TabBar
        idPrefix="server"
        tabs={tabIds.map((tab) => ({ id: tab, label: t(`serverExplorer.tabs.${tab}`) }))}
        current={current}
        label={t('serverExplorer.tabs.label')}
        panelId="server-tab-panel"
      />
      <div role="tabpanel" id="server-tab-panel" aria-labelledby={`server-tab-${current}`} data-tab={current}>
        {isExplorer && !server.enabled ? (
          <div className="mb-4">
            <Alert tone="warning">{t('serverExplorer.serverDisabled')}</Alert>
          </div>
        ) : null}
        <Suspense fallback={<Spinner />}>
          <Tab server={server} />
        </Suspense>
      </div>
    </>
  );
}
