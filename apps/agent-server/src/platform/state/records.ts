// What the node keeps about itself, as stored in DATA_DIR/state.json. Dates are ISO 8601 strings.

export interface AgentRecord {
  id: string;
  name: string;
  engine: 'claude' | 'openai' | 'custom';
  model: string | null;
  capabilities: string[];
  status: 'active' | 'suspended';
  unixUser: string | null;
  uid: number | null;
  gid: number | null;
  home: string;
  /** AES-256-GCM envelope bound to the agent id; never returned. */
  apiKeyEnvelope: string | null;
  /** SHA-256 of the agent token. */
  tokenHash: string;
  createdAt: string;
  updatedAt: string;
  lastActiveAt: string | null;
}

export interface WorkspaceRecord {
  id: string;
  agentId: string;
  name: string;
  kind: 'personal' | 'team' | 'shared';
  description: string | null;
  /** Relative to the agent's home. */
  path: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProjectRecord {
  id: string;
  agentId: string;
  workspaceId: string;
  name: string;
  type: string;
  status: 'active' | 'inactive' | 'archived';
  description: string | null;
  /** Relative to the agent's home. */
  path: string;
  createdAt: string;
  updatedAt: string;
}

/** Model tokens per agent, model and UTC day, from the Messages relay. */
export interface UsageRecord {
  agentId: string;
  day: string;
  model: string;
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

export interface NodeState {
  version: 1;
  agents: AgentRecord[];
  workspaces: WorkspaceRecord[];
  projects: ProjectRecord[];
  usage: UsageRecord[];
  /** The node's own settings (its studio registration; credentials there as envelopes). */
  settings: Record<string, string>;
}

export function emptyState(): NodeState {
  return { version: 1, agents: [], workspaces: [], projects: [], usage: [], settings: {} };
}
