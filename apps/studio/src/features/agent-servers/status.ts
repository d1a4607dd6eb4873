// How an agent server's status follows from what the studio knows, and how a change is announced.
import type { AgentServerStatus } from '@mcp-studio/protocol';
import type { EventBus } from '../../platform/events/bus.js';
import { presentAgentServer } from './present.js';
import type { AgentServerRow } from './store.js';

/** A node missing this many of its own intervals is OFFLINE; an attached node failing this many polls too. */
export const MISSED_BEATS = 3;
/** Assumed for a registered node that has not told its interval yet (the node's default). */
export const DEFAULT_INTERVAL_MS = 10_000;

/** The status after a beat or a successful poll: MAINTENANCE wins, then what the node says of itself. */
export function liveStatus(row: Pick<AgentServerRow, 'maintenance'>, reported: string | null): AgentServerStatus {
  if (row.maintenance) return 'MAINTENANCE';
  return reported === 'degraded' ? 'DEGRADED' : 'ONLINE';
}

/** When a registered node that keeps silent becomes OFFLINE: three of its intervals after its last sign of life. */
export function silentSince(row: AgentServerRow): Date {
  const last = row.lastHeartbeatAt ?? row.createdAt;
  return new Date(last.getTime() + MISSED_BEATS * (row.heartbeatIntervalMs ?? DEFAULT_INTERVAL_MS));
}

export function announceStatus(
  bus: EventBus,
  row: AgentServerRow,
  previousStatus: string,
  reason: string | null,
): void {
  if (row.status === previousStatus) return;
  bus.publish({
    topic: 'servers',
    type: 'agent_server_status_changed',
    orgId: row.orgId,
    data: {
      id: row.id,
      name: row.name,
      status: row.status,
      previousStatus,
      reason,
      agentServer: presentAgentServer(row),
    },
    access: { action: 'read', subject: 'AgentServer' },
  });
}
