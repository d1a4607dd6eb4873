// Agents on an agent server (mcp-agent-server): provisioning, credentials shown once, activation, the studio's sync.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema, textSchema } from '../common.js';

/** The prefix of an agent's own bearer token on its node. */
export const AGENT_TOKEN_PREFIX = 'mcpa_';

export const AGENT_ENGINES = ['claude', 'openai', 'custom'] as const;
export const agentEngineSchema = z.enum(AGENT_ENGINES);
export type AgentEngine = z.infer<typeof agentEngineSchema>;

/** `offline` is what presence reports for an agent whose node the studio cannot reach; a node stores the other two. */
export const AGENT_STATUSES = ['active', 'suspended', 'offline'] as const;
export const agentStatusSchema = z.enum(AGENT_STATUSES);
export type AgentStatus = z.infer<typeof agentStatusSchema>;

/** Lower-case letters, digits and dashes: also the agent's home directory and Unix user (`ag-<name>`, 32 at most). */
export const agentNameSchema = z
  .string()
  .min(1)
  .max(29)
  .regex(/^[a-z][a-z0-9-]*$/, 'Use lower-case letters, digits and dashes, starting with a letter');

export const capabilitySchema = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_.:-]*$/, 'Use lower-case letters, digits and _ . : -');

export const createAgentBodySchema = z.object({
  name: agentNameSchema,
  engine: agentEngineSchema,
  apiKey: plainStringSchema(4096, 1).optional(),
  model: textSchema(200, 1).optional(),
  capabilities: z.array(capabilitySchema).max(100).default([]),
});
export type CreateAgentBody = z.infer<typeof createAgentBodySchema>;

export const agentSchema = z.object({
  id: idSchema,
  name: z.string(),
  engine: agentEngineSchema,
  model: z.string().nullable(),
  capabilities: z.array(z.string()),
  status: agentStatusSchema,
  /** The Unix user the agent runs as under `ISOLATION=unix-user`, otherwise null. */
  unixUser: z.string().nullable(),
  /** Absolute path of the agent's home on the node. */
  home: z.string(),
  /** Whether an API key is stored (it is never returned). */
  hasApiKey: z.boolean(),
  createdAt: isoDateSchema,
  lastActiveAt: isoDateSchema.nullable(),
});
export type Agent = z.infer<typeof agentSchema>;

export const agentCredentialsSchema = z.object({
  agentId: idSchema,
  token: z.string().describe('The agent token, shown only in this response'),
});
export type AgentCredentials = z.infer<typeof agentCredentialsSchema>;

export const createdAgentSchema = z.object({ agent: agentSchema, credentials: agentCredentialsSchema });
export type CreatedAgent = z.infer<typeof createdAgentSchema>;

export const agentsListSchema = z.object({ agents: z.array(agentSchema) });

/** One agent as the studio wants it: matched by id when given, otherwise by name. */
export const desiredAgentSchema = createAgentBodySchema.extend({
  id: idSchema.optional(),
  status: z.enum(['active', 'suspended']).default('active'),
});
export type DesiredAgent = z.infer<typeof desiredAgentSchema>;

export const syncAgentsBodySchema = z.object({ agents: z.array(desiredAgentSchema).max(1000) });
export type SyncAgentsBody = z.infer<typeof syncAgentsBodySchema>;

/**
 * What a sync did. Agents the studio no longer lists are suspended, never deleted: their homes hold work that
 * only an explicit DELETE may remove.
 */
export const syncAgentsResultSchema = z.object({
  created: z.array(createdAgentSchema),
  updated: z.array(idSchema),
  suspended: z.array(idSchema),
  unchanged: z.array(idSchema),
});
export type SyncAgentsResult = z.infer<typeof syncAgentsResultSchema>;
