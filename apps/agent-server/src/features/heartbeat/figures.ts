// What the node reports on every beat, taken from presence's status summary (the same figures /api/presence/status
// answers), in the heartbeat's shape.
import type { NodeFigures, PresenceStatus } from '@mcp-studio/protocol';

export function figuresOf(status: PresenceStatus): NodeFigures {
  return {
    version: status.version,
    uptimeSeconds: status.uptime,
    load: [Math.max(0, status.load[0]), Math.max(0, status.load[1]), Math.max(0, status.load[2])],
    memory: { totalBytes: status.memory.total, freeBytes: status.memory.free },
    // Free means what the node's own writes can still use (not root's reserve); zeros when it cannot be measured.
    disk: status.disk
      ? { totalBytes: status.disk.total, freeBytes: status.disk.available }
      : { totalBytes: 0, freeBytes: 0 },
    agentCount: status.agents.total,
    status: status.status === 'degraded' ? 'degraded' : 'online',
  };
}
