// Agents on this node: provision (token shown once), activate, suspend, delete, and reconcile with the studio.
import { randomBytes, randomUUID } from 'node:crypto';
import {
  AGENT_TOKEN_PREFIX,
  type Agent,
  type CreateAgentBody,
  type CreatedAgent,
  type DesiredAgent,
  type SyncAgentsResult,
} from '@mcp-studio/protocol';
import { sha256 } from '../../platform/crypto/keyFiles.js';
import type { SecretBox } from '../../platform/crypto/secretBox.js';
import type { NodeEvents } from '../../platform/events.js';
import { conflict, NodeError, notFound } from '../../platform/http/errors.js';
import type { AgentRecord } from '../../platform/state/records.js';
import type { StateStore } from '../../platform/state/stateStore.js';
import type { AgentIdentity, Homes } from './homes.js';
import { presentAgent } from './present.js';

export interface AgentServiceDeps {
  state: StateStore;
  homes: Homes;
  box: SecretBox;
  events: NodeEvents;
  now: () => Date;
}

/** An agent as other features work with it: where it lives and whom its processes run as. */
export interface AgentPlace {
  id: string;
  name: string;
  home: string;
  status: 'active' | 'suspended';
  /** The Unix user its processes run as under ISOLATION=unix-user, otherwise null. */
  unixUser: string | null;
  identity: AgentIdentity | undefined;
}

/** A suspended agent opens no terminal and runs nothing: 409 `agent_suspended`. */
export class AgentSuspendedError extends NodeError {
  constructor(name: string) {
    super('agent_suspended', 409, `The agent ${name} is suspended`);
  }
}

/** How often an agent's last activity is written at most: a typing user must not mean a write per keystroke. */
const TOUCH_INTERVAL_MS = 30_000;

export class AgentService {
  constructor(private readonly deps: AgentServiceDeps) {}

  async create(body: CreateAgentBody): Promise<CreatedAgent> {
    const { state, homes, box } = this.deps;
    if (state.current.agents.some((agent) => agent.name === body.name)) {
      throw conflict('agent_name_taken', `An agent named ${body.name} already exists on this node`);
    }
    const id = randomUUID();
    const token = `${AGENT_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const prepared = await homes.create(body.name);
    const at = this.deps.now().toISOString();
    const record: AgentRecord = {
      id,
      name: body.name,
      engine: body.engine,
      model: body.model ?? null,
      capabilities: [...new Set(body.capabilities)],
      status: 'active',
      unixUser: prepared.unixUser,
      uid: prepared.identity?.uid ?? null,
      gid: prepared.identity?.gid ?? null,
      home: prepared.home,
      apiKeyEnvelope: body.apiKey ? box.seal(body.apiKey, id) : null,
      tokenHash: sha256(token),
      createdAt: at,
      updatedAt: at,
      lastActiveAt: null,
    };
    try {
      await state.update((draft) => {
        if (draft.agents.some((agent) => agent.name === body.name)) {
          throw conflict('agent_name_taken', `An agent named ${body.name} already exists on this node`);
        }
        draft.agents.push(record);
      });
    } catch (err) {
      await homes.remove(prepared.home, prepared.unixUser).catch(() => {});
      throw err;
    }
    return { agent: this.changed(record), credentials: { agentId: id, token } };
  }

  list(): Agent[] {
    return [...this.deps.state.current.agents].sort((a, b) => a.name.localeCompare(b.name)).map(presentAgent);
  }

  get(id: string): Agent {
    return presentAgent(this.record(id));
  }

  /** Where the agent lives; throws AgentSuspendedError for a suspended agent when `mustBeActive`. */
  place(id: string, mustBeActive = false): AgentPlace {
    const row = this.record(id);
    if (mustBeActive && row.status !== 'active') throw new AgentSuspendedError(row.name);
    const identity = row.uid !== null && row.gid !== null ? { uid: row.uid, gid: row.gid } : undefined;
    return { id: row.id, name: row.name, home: row.home, status: row.status, unixUser: row.unixUser, identity };
  }

  /** The agent's model API key, for the Messages relay only; undefined when none is stored. */
  apiKey(id: string): string | undefined {
    const row = this.record(id);
    return row.apiKeyEnvelope ? this.deps.box.open(row.apiKeyEnvelope, row.id) : undefined;
  }

  /** The agent a presented agent token stands for, or undefined. */
  authenticate(token: string): string | undefined {
    if (!token.startsWith(AGENT_TOKEN_PREFIX)) return undefined;
    const hash = sha256(token);
    return this.deps.state.current.agents.find((agent) => agent.tokenHash === hash)?.id;
  }

  async setStatus(id: string, status: 'active' | 'suspended'): Promise<Agent> {
    const row = this.record(id);
    if (row.status === status) return presentAgent(row);
    return this.change(id, { status });
  }

  /** Notes that the agent just did something (a request, a keystroke); written at most every 30 s. */
  async touch(id: string): Promise<void> {
    const now = this.deps.now();
    const last = this.record(id).lastActiveAt;
    if (last && now.getTime() - Date.parse(last) < TOUCH_INTERVAL_MS) return;
    await this.deps.state.update((draft) => {
      const agent = draft.agents.find((a) => a.id === id);
      if (agent) agent.lastActiveAt = now.toISOString();
    });
  }

  async delete(id: string): Promise<void> {
    const row = this.record(id);
    // Terminals and commands end first (the event), so the Unix user has no process left when it is removed.
    this.deps.events.emit({ type: 'agent_deleted', agentId: id });
    await this.deps.state.update((draft) => {
      draft.agents = draft.agents.filter((agent) => agent.id !== id);
      draft.workspaces = draft.workspaces.filter((workspace) => workspace.agentId !== id);
      draft.projects = draft.projects.filter((project) => project.agentId !== id);
      draft.usage = draft.usage.filter((usage) => usage.agentId !== id);
    });
    await this.deps.homes.remove(row.home, row.unixUser);
  }

  /**
   * Makes the node hold the studio's desired set: missing agents are created, listed ones updated (engine, model,
   * capabilities, status, and the API key when one is sent), and agents the set leaves out are suspended.
   */
  async sync(desired: DesiredAgent[]): Promise<SyncAgentsResult> {
    const result: SyncAgentsResult = { created: [], updated: [], suspended: [], unchanged: [] };
    const existing = [...this.deps.state.current.agents];
    const kept = new Set<string>();
    for (const wanted of desired) {
      const match = existing.find((row) => (wanted.id ? row.id === wanted.id : row.name === wanted.name));
      if (!match) {
        const created = await this.create(wanted);
        if (wanted.status === 'suspended') created.agent = await this.setStatus(created.agent.id, 'suspended');
        kept.add(created.agent.id);
        result.created.push(created);
        continue;
      }
      kept.add(match.id);
      const change: Partial<AgentRecord> = {
        engine: wanted.engine,
        model: wanted.model ?? null,
        capabilities: [...new Set(wanted.capabilities)],
        status: wanted.status,
      };
      const differs =
        wanted.apiKey !== undefined ||
        match.engine !== change.engine ||
        match.model !== change.model ||
        match.status !== change.status ||
        JSON.stringify(match.capabilities) !== JSON.stringify(change.capabilities);
      if (!differs) {
        result.unchanged.push(match.id);
        continue;
      }
      if (wanted.apiKey) change.apiKeyEnvelope = this.deps.box.seal(wanted.apiKey, match.id);
      await this.change(match.id, change);
      result.updated.push(match.id);
    }
    for (const row of existing) {
      if (kept.has(row.id) || row.status === 'suspended') continue;
      await this.setStatus(row.id, 'suspended');
      result.suspended.push(row.id);
    }
    return result;
  }

  private record(id: string): AgentRecord {
    const row = this.deps.state.current.agents.find((agent) => agent.id === id);
    if (!row) throw notFound('Agent');
    return row;
  }

  private async change(id: string, change: Partial<AgentRecord>): Promise<Agent> {
    const updated = await this.deps.state.update((draft) => {
      const agent = draft.agents.find((a) => a.id === id);
      if (!agent) throw notFound('Agent');
      Object.assign(agent, change, { updatedAt: this.deps.now().toISOString() });
      return agent;
    });
    return this.changed(updated);
  }

  private changed(row: AgentRecord): Agent {
    const agent = presentAgent(row);
    this.deps.events.emit({ type: 'agent_changed', agent });
    return agent;
  }
}
