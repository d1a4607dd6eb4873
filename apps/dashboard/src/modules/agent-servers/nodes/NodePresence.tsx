// What the node says of itself right now (asked through the studio): identity, environment, why it is degraded.
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../ui/Alert';
import { Badge, FactList, Section } from '../../../ui/layoutParts';
import { Spinner } from '../../../ui/Spinner';
import { RelativeTime } from '../badges';
import { formatBytes } from '../nodeFormat';
import { usePresenceServer, usePresenceStatus } from './nodesApi';

export function NodePresence({ nodeId }: { nodeId: string }) {
  const { t } = useTranslation();
  const server = usePresenceServer(nodeId);
  const status = usePresenceStatus(nodeId);
  const presence = server.data;
  return (
    <Section title={t('agentServers.presence')} description={t('agentServers.presenceDescription')}>
      {server.isPending ? <Spinner /> : null}
      <ErrorAlert error={server.error} />
      {presence ? (
        <FactList
          testId="node-presence"
          facts={[
            [
              t('agentServers.nodeSays'),
              <span key="status" className="flex flex-wrap items-center gap-2">
                <Badge tone={presence.status === 'online' ? 'green' : 'amber'}>
                  {t(`agentServers.nodeStatuses.${presence.status}`)}
                </Badge>
                {presence.reasons.join(' · ')}
              </span>,
            ],
            [t('agentServers.host'), `${presence.environment.hostname} (${presence.host}:${presence.port})`],
            [t('agentServers.isolation'), t(`agentServers.isolations.${presence.environment.isolation}`)],
            [
              t('agentServers.runtime'),
              `Node ${presence.environment.node} · ${presence.environment.platform}/${presence.environment.arch}`,
            ],
            [t('agentServers.startedAt'), <RelativeTime key="started" iso={presence.startedAt} />],
            ...(status.data
              ? ([
                  [
                    t('agentServers.agents'),
                    t('agentServers.agentTotals', {
                      total: status.data.agents.total,
                      active: status.data.agents.active,
                      suspended: status.data.agents.suspended,
                    }),
                  ],
                  [t('agentServers.openTerminals'), status.data.terminals.open],
                  [t('agentServers.cpus'), status.data.cpus],
                  [t('agentServers.processMemory'), formatBytes(status.data.memory.processRss)],
                ] as const)
              : []),
          ]}
        />
      ) : null}
    </Section>
  );
}
