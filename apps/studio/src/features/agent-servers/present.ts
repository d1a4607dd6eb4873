// The only place that turns an agent server row into JSON: never the master token, never the node token's hash.
import type { AgentServer, AgentServerStatus } from '@mcp-studio/protocol';
import type { AgentServerRow } from './store.js';

interface Figures {
  uptimeSeconds?: number;
  load?: number[];
  memory?: { totalBytes: number; freeBytes: number };
  disk?: { totalBytes: number; freeBytes: number };
  agentCount?: number;
}

export function presentAgentServer(row: AgentServerRow): AgentServer {
  const figures = (row.figures ?? {}) as Figures;
  return {
    id: row.id,
    name: row.name,
    url: row.url,
    origin: row.origin as AgentServer['origin'],
    status: row.status as AgentServerStatus,
    maintenance: row.maintenance,
    lastHeartbeatAt: row.lastHeartbeatAt?.toISOString() ?? null,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastError: row.lastError,
    heartbeatIntervalMs: row.heartbeatIntervalMs,
    version: row.version,
    uptimeSeconds: figures.uptimeSeconds ?? null,
    load: figures.load ?? null,
    memory: figures.memory ?? null,
    disk: figures.disk ?? null,
    agentCount: figures.agentCount ?? null,
    statusChangedAt: row.statusChangedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
