// The organization's agent servers, live: status changes arrive on the `servers` topic, figures are polled.
import { Plus } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { Button } from '../../../ui/Button';
import { EmptyState, PageHeader, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { DataTable, td } from '../../../ui/Table';
import { NodeStatusBadge, RelativeTime, UsageMeter } from '../badges';
import { usedPercent } from '../nodeFormat';
import { AddNodeDialog } from './AddNodeDialog';
import { useAgentServers } from './nodesApi';

export default function AgentServersListPage() {
  const { t } = useTranslation();
  const ability = useAbility();
  const nodes = useAgentServers();
  const [isAdding, setIsAdding] = useState(false);
  const list = nodes.data?.agentServers ?? [];

  const addButton = ability.can('create', 'AgentServer') ? (
    <Button onClick={() => setIsAdding(true)} data-testid="open-add-node">
      <Plus aria-hidden className="size-4" />
      {t('agentServers.add')}
    </Button>
  ) : null;

  return (
    <>
      <PageHeader title={t('agentServers.title')} description={t('agentServers.description')} actions={addButton} />
      <ErrorAlert error={nodes.error} />
      {nodes.isPending ? (
        <Spinner />
      ) : list.length === 0 && nodes.data ? (
        <EmptyState
          title={t('agentServers.empty')}
          description={t('agentServers.emptyDescription')}
          action={addButton}
        />
      ) : list.length > 0 ? (
        <Section>
          <DataTable
            bodyTestId="agent-servers-list"
            headers={[
              t('common.name'),
              t('agentServers.status'),
              t('agentServers.lastHeartbeat'),
              t('agentServers.version'),
              t('agentServers.agents'),
              t('agentServers.load'),
              t('agentServers.memory'),
              t('agentServers.disk'),
            ]}
          >
            {list.map((node) => {
              const memory = usedPercent(node.memory);
              const disk = usedPercent(node.disk);
              return (
                <tr
                  key={node.id}
                  data-testid={`agent-server-row-${node.name}`}
                  data-status={node.status}
                  className="hover:bg-zinc-50"
                >
                  <td className={td}>
                    <Link
                      to={`/agent-servers/${node.id}`}
                      className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
                    >
                      {node.name}
                    </Link>
                    <p className="font-mono text-xs text-zinc-500">{node.url}</p>
                  </td>
                  <td className={td} data-testid="agent-server-status">
                    <NodeStatusBadge status={node.status} />
                  </td>
                  <td className={`${td} whitespace-nowrap`}>
                    <RelativeTime iso={node.lastHeartbeatAt ?? node.lastCheckedAt} />
                  </td>
                  <td className={`${td} font-mono text-xs`}>{node.version ?? '—'}</td>
                  <td className={`${td} tabular-nums`} data-testid="agent-server-agent-count">
                    {node.agentCount ?? '—'}
                  </td>
                  <td className={`${td} tabular-nums`}>{node.load?.[0]?.toFixed(2) ?? '—'}</td>
                  <td className={td}>
                    <UsageMeter percent={memory} label={memory === null ? '' : `${memory}%`} />
                  </td>
                  <td className={td}>
                    <UsageMeter percent={disk} label={disk === null ? '' : `${disk}%`} />
                  </td>
                </tr>
              );
            })}
          </DataTable>
        </Section>
      ) : null}
      {isAdding ? <AddNodeDialog onClose={() => setIsAdding(false)} /> : null}
    </>
  );
}
