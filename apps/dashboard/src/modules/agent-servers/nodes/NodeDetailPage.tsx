// One agent server: health and resource figures, what the node says of itself, its agents; ADMINs put it in
// maintenance or forget it.
import { ArrowLeft, Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/apiError';
import { useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { Button, buttonClasses } from '../../../ui/Button';
import { ConfirmDialog } from '../../../ui/ConfirmDialog';
import { Badge, EmptyState, PageHeader, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { NodeAgentsTable } from '../agents/NodeAgentsTable';
import { NodeStatusBadge } from '../badges';
import { NodeHealth } from './NodeHealth';
import { NodePresence } from './NodePresence';
import { useAgentServer, useDeleteAgentServer, usePresenceStatus, useUpdateAgentServer } from './nodesApi';

export function BackToNodes() {
  const { t } = useTranslation();
  return (
    <Link
      to="/agent-servers"
      className="mb-4 inline-flex items-center gap-1.5 text-sm text-zinc-600 hover:text-zinc-900"
    >
      <ArrowLeft aria-hidden className="size-4" />
      {t('agentServers.back')}
    </Link>
  );
}

export default function NodeDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const ability = useAbility();
  const query = useAgentServer(id);
  const update = useUpdateAgentServer(id);
  const remove = useDeleteAgentServer();
  const live = usePresenceStatus(id);
  const [isDeleting, setIsDeleting] = useState(false);
  const node = query.data;

  const isMissing = query.error instanceof ApiError && query.error.status === 404;
  if (query.isPending) return <Spinner />;
  if (!node || isMissing) {
    return (
      <>
        <BackToNodes />
        {isMissing ? <EmptyState title={t('agentServers.notFound')} /> : <ErrorAlert error={query.error} />}
      </>
    );
  }

  const canManage = ability.can('update', 'AgentServer');
  const actions = (
    <>
      {ability.can('provision', 'AgentServer') ? (
        <Link to={`/agent-servers/${node.id}/agents/new`} className={buttonClasses('primary')}>
          <Plus aria-hidden className="size-4" />
          {t('agentServers.provision')}
        </Link>
      ) : null}
      {canManage ? (
        <Button
          variant="secondary"
          data-testid="toggle-maintenance"
          disabled={update.isPending}
          onClick={() => update.mutate({ maintenance: !node.maintenance })}
        >
          {node.maintenance ? t('agentServers.endMaintenance') : t('agentServers.startMaintenance')}
        </Button>
      ) : null}
      {ability.can('delete', 'AgentServer') ? (
        <Button variant="danger" onClick={() => setIsDeleting(true)}>
          {t('common.delete')}
        </Button>
      ) : null}
    </>
  );

  return (
    <>
      <BackToNodes />
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2" data-testid="agent-server-name">
            {node.name}
            <NodeStatusBadge status={node.status} />
            <Badge>{t(`agentServers.origins.${node.origin}`)}</Badge>
          </span>
        }
        description={<span className="font-mono">{node.url}</span>}
        actions={actions}
      />
      <ErrorAlert error={update.error} />
      <div className="space-y-6">
        <div className="grid gap-6 lg:grid-cols-2">
          <NodeHealth node={node} live={live.data} />
          <NodePresence nodeId={node.id} />
        </div>
        <Section title={t('agentServers.agentsTitle')} description={t('agentServers.agentsDescription')}>
          <NodeAgentsTable nodeId={node.id} />
        </Section>
      </div>
      <ConfirmDialog
        open={isDeleting}
        onOpenChange={setIsDeleting}
        title={t('agentServers.deleteTitle', { name: node.name })}
        message={t('agentServers.deleteMessage')}
        confirmLabel={t('common.delete')}
        onConfirm={async () => {
          await remove.mutateAsync(node.id);
          navigate('/agent-servers');
        }}
      />
    </>
  );
}
