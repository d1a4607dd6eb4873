// Studio URLs of the agent-server proxy and the query keys of what is read through it.
import { queryKeys } from '../../api/queryKeys';

export const nodeUrl = (id: string) => `/api/agent-servers/${encodeURIComponent(id)}`;
export const agentUrl = (id: string, agentId: string) => `${nodeUrl(id)}/agents/${encodeURIComponent(agentId)}`;

/** `?a=1&b=2` from the defined values only. */
export function queryString(params: Record<string, string | boolean | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}

/**
 * Node records live under `queryKeys.agentServers` (the live `servers` events refetch them); what is read on a node
 * (presence, agents, files, terminals) under a prefix of its own, so a status event never reloads an open file tree.
 */
export const nodeKeys = {
  list: [...queryKeys.agentServers, 'list'] as const,
  node: (id: string) => queryKeys.agentServer(id),
  data: (id: string) => ['agent-server-data', id] as const,
  presenceServer: (id: string) => ['agent-server-data', id, 'presence', 'server'] as const,
  presenceAgents: (id: string) => ['agent-server-data', id, 'presence', 'agents'] as const,
  presenceStatus: (id: string) => ['agent-server-data', id, 'presence', 'status'] as const,
  agents: (id: string) => ['agent-server-data', id, 'agents'] as const,
  agent: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId] as const,
  usage: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId, 'usage'] as const,
  files: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId, 'fs'] as const,
  dir: (id: string, agentId: string, path: string) =>
    ['agent-server-data', id, 'agents', agentId, 'fs', 'list', path] as const,
  terminals: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId, 'terminals'] as const,
  workspaces: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId, 'workspaces'] as const,
  projects: (id: string, agentId: string) => ['agent-server-data', id, 'agents', agentId, 'projects'] as const,
};
