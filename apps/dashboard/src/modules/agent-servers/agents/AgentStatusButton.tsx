// Activate or suspend an agent (MANAGER and up); suspending ends its terminals and commands on the node.
import type { Agent } from '@mcp-studio/protocol';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../../api/apiError';
import { Button } from '../../../ui/Button';
import { useSetAgentStatus } from './agentsApi';

interface AgentStatusButtonProps {
  nodeId: string;
  agent: Pick<Agent, 'id' | 'status' | 'name'>;
  size?: 'sm' | 'md';
}

export function AgentStatusButton({ nodeId, agent, size = 'sm' }: AgentStatusButtonProps) {
  const { t } = useTranslation();
  const setStatus = useSetAgentStatus(nodeId);
  const action = agent.status === 'active' ? 'suspend' : 'activate';
  return (
    <span className="inline-flex flex-col items-end gap-1">
      <Button
        size={size}
        variant={action === 'suspend' ? 'secondary' : 'primary'}
        disabled={setStatus.isPending}
        data-testid={`agent-${action}-${agent.name}`}
        onClick={() => setStatus.mutate({ agentId: agent.id, action })}
      >
        {t(`agentServers.agentActions.${action}`)}
      </Button>
      {setStatus.error ? (
        <span role="alert" className="text-xs text-red-700">
          {errorMessage(setStatus.error)}
        </span>
      ) : null}
    </span>
  );
}
