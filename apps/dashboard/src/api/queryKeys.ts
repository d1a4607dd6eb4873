// TanStack Query keys shared by the shell, the modules and the live-update invalidation.
export const queryKeys = {
  setup: ['auth', 'setup'] as const,
  me: ['me'] as const,
  members: ['members'] as const,
  tokens: ['tokens'] as const,
  credentials: ['credentials'] as const,
  credential: (id: string) => ['credentials', id] as const,
  credentialAudit: (id: string) => ['credentials', id, 'audit'] as const,
  servers: ['servers'] as const,
  server: (id: string) => ['servers', id] as const,
  systemStats: ['system', 'stats'] as const,
  /** Every usage report and the quota: the Refresh button and a plan change refetch them together. */
  usage: ['usage'] as const,
  quota: ['usage', 'quota'] as const,
  /** Agent servers (nodes) and everything read through them: one prefix, so a node's events refetch it all. */
  agentServers: ['agent-servers'] as const,
  agentServer: (id: string) => ['agent-servers', id] as const,
};
