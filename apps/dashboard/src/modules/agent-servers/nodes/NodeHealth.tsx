// A node's health as the studio records it (heartbeats, or polls for an attached node) and its resource figures.
// Attached nodes do not beat, so their figures come from the node's live presence status instead.
import type { AgentServer, PresenceStatus } from '@mcp-studio/protocol';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../../ui/Alert';
import { FactList, Section } from '../../../ui/layoutParts';
import { RelativeTime, UsageMeter } from '../badges';
import { formatBytes, formatUptime, usedPercent } from '../nodeFormat';

type Capacity = { totalBytes: number; freeBytes: number } | null;

/** The figures shown, from the last beat, or else from the node's own status. */
function figuresOf(node: AgentServer, live: PresenceStatus | undefined) {
  return {
    uptime: node.uptimeSeconds ?? live?.uptime ?? null,
    agents: node.agentCount ?? live?.agents.total ?? null,
    load: node.load ?? live?.load ?? null,
    memory: node.memory ?? (live ? { totalBytes: live.memory.total, freeBytes: live.memory.free } : null),
    disk: node.disk ?? (live?.disk ? { totalBytes: live.disk.total, freeBytes: live.disk.available } : null),
  };
}

function capacityMeter(figure: Capacity): ReactNode {
  const label = figure
    ? `${formatBytes(figure.totalBytes - figure.freeBytes)} / ${formatBytes(figure.totalBytes)}`
    : '';
  return <UsageMeter percent={usedPercent(figure)} label={label} />;
}

export function NodeHealth({ node, live }: { node: AgentServer; live: PresenceStatus | undefined }) {
  const { t } = useTranslation();
  const figures = figuresOf(node, live);
  const isAttached = node.origin === 'attached';
  const facts: [string, ReactNode][] = [
    // Attached nodes never beat: the studio polls them instead.
    isAttached
      ? [t('agentServers.lastChecked'), <RelativeTime key="check" iso={node.lastCheckedAt} />]
      : [t('agentServers.lastHeartbeat'), <RelativeTime key="beat" iso={node.lastHeartbeatAt} />],
    [t('agentServers.statusSince'), <RelativeTime key="since" iso={node.statusChangedAt} />],
    [t('agentServers.version'), node.version ?? '—'],
    [t('agentServers.uptime'), figures.uptime === null ? '—' : formatUptime(figures.uptime)],
  ];
  if (!isAttached && node.heartbeatIntervalMs !== null) {
    facts.push([
      t('agentServers.heartbeatInterval'),
      t('agentServers.seconds', { count: node.heartbeatIntervalMs / 1000 }),
    ]);
  }
  facts.push(
    [t('agentServers.agents'), figures.agents ?? '—'],
    [t('agentServers.load'), figures.load ? figures.load.map((value) => value.toFixed(2)).join(' · ') : '—'],
    [t('agentServers.memory'), capacityMeter(figures.memory)],
    [t('agentServers.disk'), capacityMeter(figures.disk)],
  );

  return (
    <Section title={t('agentServers.health')}>
      {node.lastError && node.status !== 'ONLINE' ? (
        <div className="mb-4">
          <Alert tone="warning">{node.lastError}</Alert>
        </div>
      ) : null}
      <FactList testId="node-health" facts={facts} />
    </Section>
  );
}
