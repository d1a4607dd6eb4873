// Presence: who this node is, its agents as they are now (with their open terminals), and a feed of changes.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Agent, PresenceAgent, PresenceMessage, PresenceServer, PresenceStatus } from '@mcp-studio/protocol';
import type { AgentServerConfig } from '../../config.js';
import type { NodeEvent, NodeEvents } from '../../platform/events.js';
import type { AgentRecord } from '../../platform/state/records.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import { AGENT_SERVER_VERSION } from '../../version.js';
import { computeNodeStatus, degradedReasons, diskOf, uptimeSeconds } from './status.js';

/** Where the node keeps its own id in state.settings. */
export const NODE_ID_SETTING = 'nodeId';

/** The node's stable id: generated at its first start, then read from its state. */
export async function ensureNodeId(state: StateStore): Promise<string> {
  const known = state.current.settings[NODE_ID_SETTING];
  if (known) return known;
  return state.update((draft) => {
    draft.settings[NODE_ID_SETTING] ??= randomUUID();
    return draft.settings[NODE_ID_SETTING];
  });
}

export interface PresenceServiceDeps {
  config: AgentServerConfig;
  state: StateStore;
  events: NodeEvents;
  now: () => Date;
  nodeId: string;
  /** The port the node really listens on (the configured one may be 0). */
  listeningPort: () => number | undefined;
}

export class PresenceService {
  private readonly startedAt: Date;
  /** Open terminal sessions per agent, as told by terminal_opened and terminal_closed. */
  private readonly terminals = new Map<string, Set<string>>();
  private readonly listeners = new Set<(message: PresenceMessage) => void>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: PresenceServiceDeps) {
    this.startedAt = deps.now();
    this.unsubscribe = deps.events.subscribe((event) => this.onEvent(event));
  }

  async server(): Promise<PresenceServer> {
    const { config } = this.deps;
    const reasons = await degradedReasons(config.dataDir, await diskOf(config.dataDir));
    return {
      id: this.deps.nodeId,
      name: config.name ?? os.hostname(),
      version: AGENT_SERVER_VERSION,
      host: config.host,
      port: this.deps.listeningPort() ?? config.port,
      url: config.publicUrl,
      environment: {
        node: process.version,
        platform: process.platform,
        arch: process.arch,
        hostname: os.hostname(),
        isolation: config.isolation,
      },
      startedAt: this.startedAt.toISOString(),
      uptime: uptimeSeconds({ now: this.deps.now, startedAt: this.startedAt }),
      status: reasons.length > 0 ? 'degraded' : 'online',
      reasons,
    };
  }

  agents(): PresenceAgent[] {
    return [...this.deps.state.current.agents].sort((a, b) => a.name.localeCompare(b.name)).map((row) => this.of(row));
  }

  status(): Promise<PresenceStatus> {
    return computeNodeStatus({
      dataDir: this.deps.config.dataDir,
      state: this.deps.state,
      now: this.deps.now,
      startedAt: this.startedAt,
      openTerminals: () => this.openTerminals(),
    });
  }

  openTerminals(): number {
    let open = 0;
    for (const sessions of this.terminals.values()) open += sessions.size;
    return open;
  }

  /** Calls `listener` with every change from now on; returns the function that stops it. */
  subscribe(listener: (message: PresenceMessage) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private onEvent(event: NodeEvent): void {
    switch (event.type) {
      case 'agent_changed':
        this.publish({ type: 'agent_changed', agent: this.ofAgent(event.agent) });
        return;
      case 'agent_deleted':
        this.terminals.delete(event.agentId);
        this.publish({ type: 'agent_deleted', agentId: event.agentId });
        return;
      case 'terminal_opened': {
        const sessions = this.terminals.get(event.agentId) ?? new Set<string>();
        sessions.add(event.sessionId);
        this.terminals.set(event.agentId, sessions);
        this.publish({ ...event, openTerminals: sessions.size });
        return;
      }
      case 'terminal_closed': {
        const sessions = this.terminals.get(event.agentId);
        sessions?.delete(event.sessionId);
        if (sessions?.size === 0) this.terminals.delete(event.agentId);
        this.publish({ ...event, openTerminals: sessions?.size ?? 0 });
        return;
      }
    }
  }

  private publish(message: PresenceMessage): void {
    for (const listener of this.listeners) listener(message);
  }

  /** The presence of an agent an event names; the stored record when there is one (it has the Unix user). */
  private ofAgent(agent: Agent): PresenceAgent {
    const row = this.deps.state.current.agents.find((a) => a.id === agent.id);
    if (row) return this.of(row);
    return { ...this.counts(agent.id), ...pick(agent) };
  }

  private of(row: AgentRecord): PresenceAgent {
    return { ...this.counts(row.id), ...pick(row) };
  }

  private counts(agentId: string) {
    const { workspaces, projects } = this.deps.state.current;
    const openTerminals = this.terminals.get(agentId)?.size ?? 0;
    return {
      workspaceCount: workspaces.filter((w) => w.agentId === agentId).length,
      projectCount: projects.filter((p) => p.agentId === agentId).length,
      terminalOpen: openTerminals > 0,
      openTerminals,
    };
  }
}

function pick(agent: Agent | AgentRecord) {
  return {
    id: agent.id,
    name: agent.name,
    unixUser: agent.unixUser,
    engine: agent.engine,
    status: agent.status,
    lastActiveAt: agent.lastActiveAt,
  };
}
