// The only place that turns a token row into JSON: never the hash, never the secret.
import type { ApiToken } from '@mcp-studio/protocol';
import type { ApiTokenRow } from './store.js';

export function presentToken(row: ApiTokenRow): ApiToken {
  return {
    id: row.id,
    name: row.name,
    permissions: row.permissions,
    prefix: row.prefix,
    userId: row.userId,
    expiresAt: row.expiresAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
  };
}
