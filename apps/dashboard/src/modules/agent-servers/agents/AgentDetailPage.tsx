// One agent on a node: its record and usage, and tabs for its files, terminals, workspaces and projects.
import { ArrowLeft } from 'lucide-react';
import { type ComponentType, lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../../api/apiError';
import { type AppAbility, useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { EmptyState, PageHeader } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { TabBar } from '../../../ui/TabBar';
import { AgentStatusBadge } from '../badges';
import { AgentOverview } from './AgentOverview';
import { AgentStatusButton } from './AgentStatusButton';
import { useAgent, useDeleteAgent } from './agentsApi';

export interface AgentTabProps {
  nodeId: string;
  agentId: string;
}

// Monaco and xterm are heavy: their tabs load only when opened.
const named = <K extends string>(load: () => Promise<Record<K, ComponentType<AgentTabProps>>>, name: K) =>
  lazy(async () => ({ default: (await load())[name] }));
const FilesTab = named(() => import('../files/FilesTab'), 'FilesTab');
const TerminalTab = named(() => import('../terminal/TerminalTab'), 'TerminalTab');
const WorkspacesTab = named(() => import('../workspaces/WorkspacesTab'), 'WorkspacesTab');
const ProjectsTab = named(() => import('../workspaces/ProjectsTab'), 'ProjectsTab');

const canUse = (ability: AppAbility) => ability.can('use', 'AgentServer');
const TABS = {
  overview: { component: AgentOverview, isAllowed: () => true },
  files: { component: FilesTab, isAllowed: canUse },
  terminal: { component: TerminalTab, isAllowed: canUse },
  workspaces: { component: WorkspacesTab, isAllowed: () => true },
  projects: { component: ProjectsTab, isAllowed: () => true },
} satisfies Record<string, { component: ComponentType<AgentTabProps>; isAllowed(ability: AppAbility): boolean }>;
type TabId = keyof typeof TABS;
const isTabId = (value: string | null): value is TabId => value !== null && Object.hasOwn(TABS, value);

export default function AgentDetailPage() {
  const { t } = useTranslation();
  const { id = '', agentId = '' } = useParams();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const ability = useAbility();
  const query = useAgent(id, agentId);
  const remove = useDeleteAgent(id);
  const [isDeleting, setIsDeleting] = useState(false);
  const agent = query.data;

  const back = (
    <Link
      to={`/agent-servers/${id}`}
      className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900"
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('agentDetail.backToNode')}
    </Link>
  );
  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  if (query.isPending) return <Spinner />;
  if (!agent || isMissing) {
    return (
      <>
        {back}
        {isMissing ? <EmptyState title={t('agentDetail.notFound')} /> : <ErrorAlert error={query.error} />}
      </>
    );
  }

  const tabIds = (Object.keys(TABS) as TabId[]).filter((tab) => TABS[tab].isAllowed(ability));
  const requested = params.get('tab');
  const current: TabId = isTabId(requested) && tabIds.includes(requested) ? requested : 'overview';
  const Tab = TABS[current].component;
  const canProvision = ability.can('provision', 'AgentServer');

  return (
    <>
      {back}
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2" data-testid="agent-name">
            {agent.name}
            <AgentStatusBadge status={agent.status} />
          </span>
        }
        description={t(`agentServers.engines.${agent.engine}`)}
        actions={
          canProvision ? (
            <>
              <AgentStatusButton nodeId={id} agent={agent} size="md" />
              <Button variant="danger" onClick={() => setIsDeleting(true)}>
                {t('common.delete')}
              </Button>
            </>
          ) : undefined
        }
      />
      <TabBar
        idPrefix="agent"
        panelId="agent-tab-panel"
        tabs={tabIds.map((tab) => ({ id: tab, label: t(`agentDetail.tabs.${tab}`) }))}
        current={current}
        label={t('agentDetail.tabsLabel')}
      />
      <div role="tabpanel" id="agent-tab-panel" aria-labelledby={`agent-tab-${current}`} data-tab={current}>
        <Suspense fallback={<Spinner />}>
          <Tab nodeId={id} agentId={agent.id} />
        </Suspense>
      </div>
      <ConfirmDialog
        open={isDeleting}
        onOpenChange={setIsDeleting}
        title={t('agentDetail.deleteTitle', { name: agent.name })}
        message={t('agentDetail.deleteMessage')}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(agent.id);
          navigate(`/agent-servers/${id}`);
        }}
      />
    </>
  );
}
