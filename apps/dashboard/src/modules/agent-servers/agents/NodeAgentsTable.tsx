// A node's agents with what presence adds (open terminals, workspaces, projects); MANAGERs activate and suspend.
import type { Agent } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useAbility } from '../../../auth/ability';
import { ErrorAlert } from '../../../ui/Alert';
import { EmptyState } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { DataTable, td } from '../../../ui/Table';
import { AgentStatusBadge, RelativeTime } from '../badges';
import { AgentStatusButton } from './AgentStatusButton';
import { useNodeAgents, usePresenceAgents } from './agentsApi';

export function NodeAgentsTable({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const ability = useAbility();
  const agents = useNodeAgents(nodeId);
  const presence = usePresenceAgents(nodeId);
  const byId = new Map((presence.data?.agents ?? []).map((agent) => [agent.id, agent]));
  const canProvision = ability.can('provision', 'AgentServer');

  if (agents.isPending) return <Spinner />;
  if (agents.error) return <ErrorAlert error={agents.error} />;
  const list: Agent[] = agents.data.agents;
  if (list.length === 0) return <EmptyState title={t('agentServers.noAgents')} />;

  return (
    <DataTable
      bodyTestId="node-agents"
      headers={[
        t('common.name'),
        t('agentServers.engine'),
        t('agentServers.status'),
        t('agentServers.openTerminals'),
        t('agentServers.workspacesAndProjects'),
        t('agentServers.lastActive'),
        { label: t('common.actions'), srOnly: true },
      ]}
    >
      {list.map((agent) => {
        const live = byId.get(agent.id);
        return (
          <tr key={agent.id} data-testid={`agent-row-${agent.name}`} data-status={agent.status}>
            <td className={td}>
              <Link
                to={`/agent-servers/${nodeId}/agents/${agent.id}`}
                className="font-medium text-indigo-700 hover:text-indigo-600 hover:underline"
              >
                {agent.name}
              </Link>
              {agent.unixUser ? <p className="font-mono text-xs text-zinc-500">{agent.unixUser}</p> : null}
            </td>
            <td className={td}>
              {t(`agentServers.engines.${agent.engine}`)}
              {agent.model ? <p className="font-mono text-xs text-zinc-500">{agent.model}</p> : null}
            </td>
            <td className={td}>
              <AgentStatusBadge status={agent.status} />
            </td>
            <td className={`${td} tabular-nums`}>{live ? live.openTerminals : '—'}</td>
            <td className={`${td} tabular-nums`}>
              {live ? t('agentServers.counts', { workspaces: live.workspaceCount, projects: live.projectCount }) : '—'}
            </td>
            <td className={`${td} whitespace-nowrap`}>
              <RelativeTime iso={agent.lastActiveAt} />
            </td>
            <td className={`${td} text-right`}>
              {canProvision ? <AgentStatusButton nodeId={nodeId} agent={agent} /> : null}
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
