// The studio's /api/agent-servers: nodes registered or attached, their status and figures, registration tokens.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema, textSchema } from './common.js';

export const AGENT_SERVER_STATUSES = ['ONLINE', 'DEGRADED', 'OFFLINE', 'MAINTENANCE', 'UNKNOWN'] as const;
export const agentServerStatusSchema = z.enum(AGENT_SERVER_STATUSES);
export type AgentServerStatus = z.infer<typeof agentServerStatusSchema>;

/** `registered`: the node registered itself and beats; `attached`: an ADMIN attached it and the studio polls it. */
export const AGENT_SERVER_ORIGINS = ['registered', 'attached'] as const;

export const agentServerNameSchema = textSchema(100, 1);

/** A node's address: http(s), no user name or password, no path, query or fragment (the studio adds `/api/…`). */
export const agentServerUrlSchema = z
  .url({ protocol: /^https?$/ })
  .max(2048)
  .refine((value) => {
    const url = new URL(value);
    return url.username === '' && url.password === '' && url.search === '' && url.hash === '' && url.pathname === '/';
  }, 'Give the node’s base URL only (scheme, host and port), without credentials, path, query or fragment');

export const agentServerSchema = z.object({
  id: idSchema,
  name: z.string(),
  url: z.string(),
  origin: z.enum(AGENT_SERVER_ORIGINS),
  status: agentServerStatusSchema,
  maintenance: z.boolean(),
  lastHeartbeatAt: isoDateSchema.nullable(),
  /** When an attached node was last polled (GET /health). */
  lastCheckedAt: isoDateSchema.nullable(),
  lastError: z.string().nullable(),
  /** The interval the node reported; OFFLINE after three of them without a beat. */
  heartbeatIntervalMs: z.number().int().nullable(),
  version: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  load: z.array(z.number()).nullable(),
  memory: z.object({ totalBytes: z.number(), freeBytes: z.number() }).nullable(),
  disk: z.object({ totalBytes: z.number(), freeBytes: z.number() }).nullable(),
  agentCount: z.number().int().nullable(),
  statusChangedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type AgentServer = z.infer<typeof agentServerSchema>;

export const agentServersListSchema = z.object({ agentServers: z.array(agentServerSchema) });

export const createRegistrationTokenBodySchema = z.object({ name: agentServerNameSchema });
export type CreateRegistrationTokenBody = z.infer<typeof createRegistrationTokenBodySchema>;

export const createdRegistrationTokenSchema = z.object({
  name: z.string(),
  token: z.string().describe('The registration token, shown only in this response; single use'),
  expiresAt: isoDateSchema,
  /** The line to run on the VM, from a checkout of the repository; replace <this-vm> with its address. */
  command: z.string(),
});
export type CreatedRegistrationToken = z.infer<typeof createdRegistrationTokenSchema>;

export const attachAgentServerBodySchema = z.object({
  name: agentServerNameSchema,
  url: agentServerUrlSchema,
  masterToken: plainStringSchema(512, 32),
});
export type AttachAgentServerBody = z.infer<typeof attachAgentServerBodySchema>;

export const updateAgentServerBodySchema = z
  .object({ name: agentServerNameSchema.optional(), maintenance: z.boolean().optional() })
  .refine((body) => body.name !== undefined || body.maintenance !== undefined, 'Change name or maintenance');
export type UpdateAgentServerBody = z.infer<typeof updateAgentServerBodySchema>;

/** Data of the `agent_server_status_changed` event on the `servers` topic. */
export const agentServerStatusChangedSchema = z.object({
  id: idSchema,
  name: z.string(),
  status: agentServerStatusSchema,
  previousStatus: agentServerStatusSchema,
  reason: z.string().nullable(),
  agentServer: agentServerSchema,
});
export type AgentServerStatusChanged = z.infer<typeof agentServerStatusChangedSchema>;
