// Presence of an agent server: who the node is, its agents as they are now, its resources, and the live feed.
import { z } from 'zod';
import { idSchema, isoDateSchema } from '../common.js';
import { agentEngineSchema, agentStatusSchema } from './agents.js';

/** A node answers `online` or `degraded`; `offline` is what the studio says of a node it cannot reach. */
export const NODE_STATUSES = ['online', 'degraded', 'offline'] as const;
export const nodeStatusSchema = z.enum(NODE_STATUSES);
export type NodeStatus = z.infer<typeof nodeStatusSchema>;

export const presenceServerSchema = z.object({
  /** Generated at the node's first start and kept in its state: stable across restarts. */
  id: idSchema,
  name: z.string(),
  version: z.string(),
  host: z.string(),
  port: z.number().int(),
  url: z.string(),
  environment: z.object({
    node: z.string(),
    platform: z.string(),
    arch: z.string(),
    hostname: z.string(),
    isolation: z.enum(['directory', 'unix-user']),
  }),
  startedAt: isoDateSchema,
  /** Seconds since the node started. */
  uptime: z.number(),
  status: nodeStatusSchema,
  /** Why the node is degraded; empty when online. */
  reasons: z.array(z.string()),
});
export type PresenceServer = z.infer<typeof presenceServerSchema>;

export const presenceAgentSchema = z.object({
  id: idSchema,
  name: z.string(),
  unixUser: z.string().nullable(),
  engine: agentEngineSchema,
  status: agentStatusSchema,
  lastActiveAt: isoDateSchema.nullable(),
  workspaceCount: z.number().int(),
  projectCount: z.number().int(),
  terminalOpen: z.boolean(),
  openTerminals: z.number().int(),
});
export type PresenceAgent = z.infer<typeof presenceAgentSchema>;

export const presenceAgentsSchema = z.object({ agents: z.array(presenceAgentSchema) });

/** The node's summary, also what its heartbeat reports to the studio. Sizes in bytes. */
export const presenceStatusSchema = z.object({
  status: nodeStatusSchema,
  reasons: z.array(z.string()),
  version: z.string(),
  uptime: z.number(),
  at: isoDateSchema,
  agents: z.object({ total: z.number().int(), active: z.number().int(), suspended: z.number().int() }),
  terminals: z.object({ open: z.number().int() }),
  /** 1, 5 and 15 minute load averages (zeros where the platform has none). */
  load: z.tuple([z.number(), z.number(), z.number()]),
  cpus: z.number().int(),
  memory: z.object({ total: z.number(), free: z.number(), used: z.number(), processRss: z.number() }),
  /** The file system holding DATA_DIR (and the agents' homes); null when it cannot be measured. */
  disk: z.object({ total: z.number(), free: z.number(), available: z.number() }).nullable(),
});
export type PresenceStatus = z.infer<typeof presenceStatusSchema>;

/** What `/api/presence/ws` sends: a snapshot first, then each change as it happens. */
export const presenceMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), server: presenceServerSchema, agents: z.array(presenceAgentSchema) }),
  z.object({ type: z.literal('agent_changed'), agent: presenceAgentSchema }),
  z.object({ type: z.literal('agent_deleted'), agentId: idSchema }),
  z.object({
    type: z.literal('terminal_opened'),
    agentId: idSchema,
    sessionId: z.string(),
    openTerminals: z.number().int(),
  }),
  z.object({
    type: z.literal('terminal_closed'),
    agentId: idSchema,
    sessionId: z.string(),
    openTerminals: z.number().int(),
  }),
]);
export type PresenceMessage = z.infer<typeof presenceMessageSchema>;
