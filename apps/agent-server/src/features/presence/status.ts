// The node's health and resources: what /api/presence/status answers and the heartbeat reports to the studio.
import { constants } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PresenceStatus } from '@mcp-studio/protocol';
import type { StateStore } from '../../platform/state/stateStore.js';
import { AGENT_SERVER_VERSION } from '../../version.js';

/** Below either mark the node is degraded: agents writing files would soon fail. */
export const LOW_DISK_RATIO = 0.05;
export const LOW_DISK_BYTES = 512 * 1024 * 1024;

export interface StatusDeps {
  dataDir: string;
  state: StateStore;
  now: () => Date;
  startedAt: Date;
  /** How many terminals are open on the node right now. */
  openTerminals: () => number;
}

export type DiskFigures = NonNullable<PresenceStatus['disk']>;

/** Space on the file system holding `dir`; undefined when it cannot be measured. */
export async function diskOf(dir: string): Promise<DiskFigures | undefined> {
  try {
    const stats = await fs.statfs(dir);
    return {
      total: stats.blocks * stats.bsize,
      free: stats.bfree * stats.bsize,
      available: stats.bavail * stats.bsize,
    };
  } catch {
    return undefined;
  }
}

/**
 * Why the node cannot fully serve, or nothing when it can: the homes directory is not writable, or the disk under
 * DATA_DIR has less than 5 % or 512 MiB left for unprivileged writers.
 */
export async function degradedReasons(dataDir: string, disk: DiskFigures | undefined): Promise<string[]> {
  const reasons: string[] = [];
  try {
    await fs.access(path.join(dataDir, 'homes'), constants.W_OK | constants.X_OK);
  } catch {
    reasons.push("The agents' homes directory cannot be written");
  }
  if (disk && disk.total > 0 && (disk.available < disk.total * LOW_DISK_RATIO || disk.available < LOW_DISK_BYTES)) {
    reasons.push(`Little disk space left under DATA_DIR: ${Math.floor(disk.available / 1024 / 1024)} MiB available`);
  }
  return reasons;
}

export function uptimeSeconds(deps: Pick<StatusDeps, 'now' | 'startedAt'>): number {
  return Math.max(0, Math.round((deps.now().getTime() - deps.startedAt.getTime()) / 1000));
}

/** The summary the heartbeat sends; also GET /api/presence/status. */
export async function computeNodeStatus(deps: StatusDeps): Promise<PresenceStatus> {
  const disk = await diskOf(deps.dataDir);
  const reasons = await degradedReasons(deps.dataDir, disk);
  const agents = deps.state.current.agents;
  const active = agents.filter((agent) => agent.status === 'active').length;
  const [one, five, fifteen] = os.loadavg();
  const total = os.totalmem();
  const free = os.freemem();
  return {
    status: reasons.length > 0 ? 'degraded' : 'online',
    reasons,
    version: AGENT_SERVER_VERSION,
    uptime: uptimeSeconds(deps),
    at: deps.now().toISOString(),
    agents: { total: agents.length, active, suspended: agents.length - active },
    terminals: { open: deps.openTerminals() },
    load: [one ?? 0, five ?? 0, fifteen ?? 0],
    cpus: os.availableParallelism(),
    memory: { total, free, used: total - free, processRss: process.memoryUsage.rss() },
    disk: disk ?? null,
  };
}
