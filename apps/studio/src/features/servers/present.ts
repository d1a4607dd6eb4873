// The only place that turns a server row into JSON: secrets appear as credential ids, never as values.
import type { McpServer, ServerAuth, ServerManifest } from '@mcp-studio/protocol';
import type { ServerRow } from './store.js';

export function presentServer(row: ServerRow): McpServer {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    transport: row.transport as McpServer['transport'],
    command: row.command,
    args: row.args,
    env: row.env,
    secretEnv: row.secretEnv,
    cwd: row.cwd,
    url: row.url,
    headers: row.headers,
    secretHeaders: row.secretHeaders,
    auth: row.auth as ServerAuth,
    tags: row.tags,
    enabled: row.enabled,
    timeoutMs: row.timeoutMs,
    maxConcurrency: row.maxConcurrency,
    manifest: (row.manifest as ServerManifest | null) ?? null,
    disabledTools: row.disabledTools,
    status: row.status as McpServer['status'],
    latencyMs: row.latencyMs,
    lastCheckedAt: row.lastCheckedAt?.toISOString() ?? null,
    lastError: row.lastError,
    toolCount: row.toolCount,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
