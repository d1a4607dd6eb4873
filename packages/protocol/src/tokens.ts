// API tokens: named bearer secrets (prefix mcps_) limited to a set of permissions.
import { z } from 'zod';
import { idSchema, isoDateSchema, textSchema } from './common.js';

export const API_TOKEN_PREFIX = 'mcps_';

/** A permission is `*`, `<area>:*` or `<area>:<action>`; the gateway's are `mcp:*`, `mcp:server:<id>`, `mcp:virtual:<slug>`. */
export const permissionSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^(\*|[a-z][a-z0-9-]*(:[a-zA-Z0-9_*.-]+)+)$/, 'Use *, area:* or area:action');

export const createTokenBodySchema = z.object({
  name: textSchema(200, 1),
  permissions: z.array(permissionSchema).min(1).max(100),
  expiresAt: z.iso.datetime({ offset: true }).optional(),
});
export type CreateTokenBody = z.infer<typeof createTokenBodySchema>;

export const apiTokenSchema = z.object({
  id: idSchema,
  name: z.string(),
  permissions: z.array(z.string()),
  prefix: z.string().describe('First characters of the secret, to recognise it'),
  userId: idSchema,
  expiresAt: isoDateSchema.nullable(),
  lastUsedAt: isoDateSchema.nullable(),
  revokedAt: isoDateSchema.nullable(),
  createdAt: isoDateSchema,
});
export type ApiToken = z.infer<typeof apiTokenSchema>;

export const createdTokenSchema = z.object({
  token: z.string().describe('The secret, shown only in this response'),
  apiToken: apiTokenSchema,
});
export type CreatedToken = z.infer<typeof createdTokenSchema>;

export const tokensListSchema = z.object({ tokens: z.array(apiTokenSchema) });
