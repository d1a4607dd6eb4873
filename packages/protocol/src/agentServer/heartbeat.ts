// A node and its studio: self-registration with a single-use token, then a heartbeat with the node's figures.
import { z } from 'zod';
import { idSchema, plainStringSchema, textSchema } from '../common.js';

/** Prefix of a registration token (single-use, 24 h) the studio hands out for one node. */
export const REGISTRATION_TOKEN_PREFIX = 'mcpr_';
/** Prefix of a node's own credential for heartbeats, given to it once at registration. */
export const NODE_TOKEN_PREFIX = 'mcpn_';

const httpUrlSchema = z.url({ protocol: /^https?$/ }).max(2048);

export const registerNodeBodySchema = z.object({
  registrationToken: plainStringSchema(200, 1),
  /** The node's own name (AGENT_SERVER_NAME or its host name); the name given with the token wins. */
  name: textSchema(100, 1),
  /** Where the studio reaches the node (its PUBLIC_URL). */
  url: httpUrlSchema,
  /** The node's master token; the studio seals it and never returns it. */
  masterToken: plainStringSchema(512, 32),
  version: textSchema(64, 1),
  /** How often the node will beat; the studio marks it OFFLINE after three missed beats. */
  intervalMs: z.number().int().min(100).max(3_600_000).optional(),
});
export type RegisterNodeBody = z.infer<typeof registerNodeBodySchema>;

export const registeredNodeSchema = z.object({
  id: idSchema,
  nodeToken: z.string().describe('The node’s heartbeat credential, returned only here'),
});
export type RegisteredNode = z.infer<typeof registeredNodeSchema>;

const bytesSchema = z.number().int().min(0);

/** What a node reports about itself on every beat. */
export const nodeFiguresSchema = z.object({
  version: textSchema(64, 1),
  uptimeSeconds: z.number().min(0),
  /** os.loadavg(): 1, 5 and 15 minutes. */
  load: z.tuple([z.number().min(0), z.number().min(0), z.number().min(0)]),
  memory: z.object({ totalBytes: bytesSchema, freeBytes: bytesSchema }),
  /** The file system holding the node's DATA_DIR. */
  disk: z.object({ totalBytes: bytesSchema, freeBytes: bytesSchema }),
  agentCount: z.number().int().min(0),
  /** `degraded`: the node runs but something needs attention (see its presence). */
  status: z.enum(['online', 'degraded']),
});
export type NodeFigures = z.infer<typeof nodeFiguresSchema>;

export const heartbeatBodySchema = nodeFiguresSchema.extend({
  intervalMs: z.number().int().min(100).max(3_600_000),
});
export type HeartbeatBody = z.infer<typeof heartbeatBodySchema>;

export const heartbeatResultSchema = z.object({
  /** The status the studio now shows for the node (MAINTENANCE when an ADMIN set it). */
  status: z.string(),
});
export type HeartbeatResult = z.infer<typeof heartbeatResultSchema>;
