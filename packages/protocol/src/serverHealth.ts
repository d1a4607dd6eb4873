// Periodic health checks of MCP servers: each check, the history to chart, and the status-change event.
import { z } from 'zod';
import { idSchema, isoDateSchema } from './common.js';
import { serverStatusSchema } from './servers.js';

/** One check: a ping through the server's shared connection, and the status it left the server in. */
export const healthCheckSchema = z.object({
  checkedAt: isoDateSchema,
  ok: z.boolean(),
  latencyMs: z.number().int().nullable(),
  status: serverStatusSchema,
  error: z.string().nullable(),
});
export type HealthCheck = z.infer<typeof healthCheckSchema>;

export const healthHistoryQuerySchema = z.object({
  since: isoDateSchema.optional().describe('Checks at or after this instant (ISO 8601); default the last 24 hours'),
});

export const healthHistorySchema = z.object({
  checks: z.array(healthCheckSchema).describe('Oldest first, at most 2000'),
});
export type HealthHistory = z.infer<typeof healthHistorySchema>;

/** The `server_status_changed` event on the `servers` topic. */
export const serverStatusChangedSchema = z.object({
  id: idSchema,
  status: serverStatusSchema,
  previousStatus: serverStatusSchema,
  latencyMs: z.number().int().nullable(),
  lastError: z.string().nullable(),
  checkedAt: isoDateSchema,
});
export type ServerStatusChanged = z.infer<typeof serverStatusChangedSchema>;
