// The studio's tables, one schema for PGlite and PostgreSQL. Every organization-owned table has org_id.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true });

export const organizations = pgTable('organizations', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  plan: text('plan').notNull().default('FREE'),
  createdAt: createdAt(),
});

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    role: text('role').notNull(),
    passwordHash: text('password_hash').notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('users_email_key').on(t.email), index('users_org_idx').on(t.orgId)],
);

/** A login session: one refresh-token family. Revoking it ends every token of the family. */
export const sessions = pgTable(
  'sessions',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    revokedAt: tstz('revoked_at'),
    revokedReason: text('revoked_reason'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const refreshTokens = pgTable(
  'refresh_tokens',
  {
    id: uuid('id').primaryKey(),
    sessionId: uuid('session_id')
      .notNull()
      .references(() => sessions.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull(),
    createdAt: createdAt(),
    usedAt: tstz('used_at'),
  },
  (t) => [uniqueIndex('refresh_tokens_hash_key').on(t.tokenHash), index('refresh_tokens_session_idx').on(t.sessionId)],
);

export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull(),
    invitedBy: uuid('invited_by'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    acceptedAt: tstz('accepted_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [uniqueIndex('invitations_hash_key').on(t.tokenHash), index('invitations_org_idx').on(t.orgId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    permissions: jsonb('permissions').$type<string[]>().notNull(),
    tokenHash: text('token_hash').notNull(),
    prefix: text('prefix').notNull(),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at'),
    lastUsedAt: tstz('last_used_at'),
    revokedAt: tstz('revoked_at'),
  },
  (t) => [uniqueIndex('api_tokens_hash_key').on(t.tokenHash), index('api_tokens_org_idx').on(t.orgId)],
);

export const credentials = pgTable(
  'credentials',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    type: text('type').notNull(),
    visibility: text('visibility').notNull(),
    description: text('description'),
    metadata: jsonb('metadata').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ownerUserId: uuid('owner_user_id').references(() => users.id, { onDelete: 'set null' }),
    ownerAgentId: uuid('owner_agent_id'),
    /** Vault envelope (AES-256-GCM, key id inside, bound to org and row id). Never leaves the service. */
    secret: text('secret').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('credentials_org_name_key').on(t.orgId, t.name)],
);

export const credentialShares = pgTable(
  'credential_shares',
  {
    credentialId: uuid('credential_id')
      .notNull()
      .references(() => credentials.id, { onDelete: 'cascade' }),
    granteeType: text('grantee_type').notNull(),
    granteeId: uuid('grantee_id').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.credentialId, t.granteeType, t.granteeId] })],
);

/** Kept after the credential is deleted: the audit trail outlives what it describes. */
export const credentialAudit = pgTable(
  'credential_audit',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    credentialId: uuid('credential_id').notNull(),
    action: text('action').notNull(),
    actorType: text('actor_type').notNull(),
    actorId: uuid('actor_id'),
    ip: text('ip'),
    details: jsonb('details').$type<Record<string, unknown>>(),
    at: tstz('at').notNull().defaultNow(),
  },
  (t) => [index('credential_audit_credential_idx').on(t.credentialId, t.at)],
);

/** A registered MCP server. Secrets are vault credentials referenced by id (auth, secretEnv, secretHeaders). */
export const mcpServers = pgTable(
  'mcp_servers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    transport: text('transport').notNull(),
    command: text('command'),
    args: jsonb('args').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    env: jsonb('env').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    secretEnv: jsonb('secret_env')
      .$type<Record<string, { credentialId: string }>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    cwd: text('cwd'),
    url: text('url'),
    headers: jsonb('headers').$type<Record<string, string>>().notNull().default(sql`'{}'::jsonb`),
    secretHeaders: jsonb('secret_headers')
      .$type<Record<string, { credentialId: string }>>()
      .notNull()
      .default(sql`'{}'::jsonb`),
    auth: jsonb('auth').$type<Record<string, unknown>>().notNull(),
    /** Credentials the studio created for this server's secrets, removed with it. */
    ownedCredentialIds: jsonb('owned_credential_ids').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    tags: jsonb('tags').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    enabled: boolean('enabled').notNull().default(true),
    timeoutMs: integer('timeout_ms').notNull(),
    maxConcurrency: integer('max_concurrency').notNull(),
    manifest: jsonb('manifest').$type<Record<string, unknown>>(),
    disabledTools: jsonb('disabled_tools').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    status: text('status').notNull().default('unknown'),
    latencyMs: integer('latency_ms'),
    lastCheckedAt: tstz('last_checked_at'),
    lastError: text('last_error'),
    toolCount: integer('tool_count').notNull().default(0),
    /** Health checks failed in a row; three make the server `down`. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    /** When tools, resources and prompts were last read from the server into mcp_server_catalog. */
    catalogRefreshedAt: tstz('catalog_refreshed_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('mcp_servers_org_slug_key').on(t.orgId, t.slug),
    uniqueIndex('mcp_servers_org_name_key').on(t.orgId, t.name),
  ],
);

/** One periodic health check of a server: what it saw and the status it left the server in. */
export const mcpServerHealthChecks = pgTable(
  'mcp_server_health_checks',
  {
    id: uuid('id').primaryKey(),
    serverId: uuid('server_id')
      .notNull()
      .references(() => mcpServers.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    checkedAt: tstz('checked_at').notNull(),
    ok: boolean('ok').notNull(),
    latencyMs: integer('latency_ms'),
    status: text('status').notNull(),
    error: text('error'),
  },
  (t) => [index('mcp_server_health_checks_server_idx').on(t.serverId, t.checkedAt)],
);

/**
 * What a server offers, as last listed: kind `tool`, `resource`, `resource_template` or `prompt`, keyed by its
 * name (the URI for resources, the URI template for templates). `previous` keeps a changed tool's earlier version.
 */
export const mcpServerCatalog = pgTable(
  'mcp_server_catalog',
  {
    serverId: uuid('server_id')
      .notNull()
      .references(() => mcpServers.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    position: integer('position').notNull(),
    // json, not jsonb: jsonb reorders keys, and forms built from an input schema follow the server's field order.
    definition: json('definition').$type<Record<string, unknown>>().notNull(),
    previous: json('previous').$type<Record<string, unknown>>(),
    changed: boolean('changed').notNull().default(false),
    changedAt: tstz('changed_at'),
    firstSeenAt: tstz('first_seen_at').notNull(),
    lastSeenAt: tstz('last_seen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.serverId, t.kind, t.name] })],
);

/**
 * A virtual server: a chosen subset of an organization's tools, served at `/mcp/v/<slug>`. `tools` picks tools
 * one by one (optionally renamed); `include`/`exclude` are globs over the gateway's `<server-slug>__<tool>` names.
 */
export const virtualServers = pgTable(
  'virtual_servers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    description: text('description'),
    tools: jsonb('tools')
      .$type<{ serverId: string; tool: string; alias?: string }[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
    include: jsonb('include').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    exclude: jsonb('exclude').$type<string[]>().notNull().default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('virtual_servers_org_slug_key').on(t.orgId, t.slug)],
);

/**
 * One metered call (tools/call, resources/read, prompts/get) through the gateway, a virtual server, the proxy or
 * the REST call endpoint. Written in batches; `id` is made by the studio, so a retried batch adds nothing twice.
 */
export const usageEvents = pgTable(
  'usage_events',
  {
    id: uuid('id').primaryKey(),
    requestId: text('request_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    tokenId: uuid('token_id'),
    workspaceId: uuid('workspace_id'),
    serverId: uuid('server_id'),
    method: text('method').notNull(),
    tool: text('tool').notNull(),
    status: text('status').notNull(),
    errorCode: text('error_code'),
    latencyMs: integer('latency_ms').notNull(),
    bytesIn: integer('bytes_in').notNull(),
    bytesOut: integer('bytes_out').notNull(),
    tokensIn: integer('tokens_in').notNull(),
    tokensOut: integer('tokens_out').notNull(),
    at: tstz('at').notNull(),
  },
  (t) => [index('usage_events_org_at_idx').on(t.orgId, t.at), index('usage_events_at_idx').on(t.at)],
);

/** Per-day totals of usage_events by organization, user, server, tool and status; kept after events are purged. */
export const usageDaily = pgTable(
  'usage_daily',
  {
    day: date('day').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull(),
    /** The nil UUID stands for "no server" (a call refused before a server was resolved). */
    serverId: uuid('server_id').notNull(),
    method: text('method').notNull(),
    tool: text('tool').notNull(),
    status: text('status').notNull(),
    calls: integer('calls').notNull(),
    latencyMsTotal: bigint('latency_ms_total', { mode: 'number' }).notNull(),
    bytesIn: bigint('bytes_in', { mode: 'number' }).notNull(),
    bytesOut: bigint('bytes_out', { mode: 'number' }).notNull(),
    tokensIn: bigint('tokens_in', { mode: 'number' }).notNull(),
    tokensOut: bigint('tokens_out', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.day, t.orgId, t.userId, t.serverId, t.method, t.tool, t.status] }),
    index('usage_daily_org_day_idx').on(t.orgId, t.day),
  ],
);

/** Quota-counted calls of one user on one UTC day, incremented atomically before each call is forwarded. */
export const usageQuotaCounters = pgTable(
  'usage_quota_counters',
  {
    userId: uuid('user_id').notNull(),
    day: date('day').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    used: integer('used').notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.day] })],
);

/**
 * A node (mcp-agent-server). `registered` nodes registered themselves and beat with their node token (stored
 * hashed); `attached` ones were added by an ADMIN and are polled. The master token is a vault envelope bound to the
 * organization and row; it leaves the studio only towards the node itself.
 */
export const agentServers = pgTable(
  'agent_servers',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    url: text('url').notNull(),
    origin: text('origin').notNull(),
    masterTokenSecret: text('master_token_secret').notNull(),
    keyId: text('key_id').notNull(),
    nodeTokenHash: text('node_token_hash'),
    status: text('status').notNull().default('UNKNOWN'),
    maintenance: boolean('maintenance').notNull().default(false),
    /** The node's own view at its last beat: `online` or `degraded`. */
    reportedStatus: text('reported_status'),
    heartbeatIntervalMs: integer('heartbeat_interval_ms'),
    lastHeartbeatAt: tstz('last_heartbeat_at'),
    lastCheckedAt: tstz('last_checked_at'),
    /** Polls of an attached node failed in a row; three make it OFFLINE. */
    consecutiveFailures: integer('consecutive_failures').notNull().default(0),
    lastError: text('last_error'),
    version: text('version'),
    /** uptimeSeconds, load, memory, disk and agentCount as the node last reported them. */
    figures: jsonb('figures').$type<Record<string, unknown>>(),
    statusChangedAt: tstz('status_changed_at'),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    updatedAt: tstz('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('agent_servers_org_name_key').on(t.orgId, t.name),
    uniqueIndex('agent_servers_node_token_key').on(t.nodeTokenHash),
  ],
);

/** A single-use token that lets one node register itself into the organization, for 24 hours. Stored hashed. */
export const agentServerRegistrationTokens = pgTable(
  'agent_server_registration_tokens',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by'),
    createdAt: createdAt(),
    expiresAt: tstz('expires_at').notNull(),
    usedAt: tstz('used_at'),
    agentServerId: uuid('agent_server_id'),
  },
  (t) => [uniqueIndex('agent_server_registration_tokens_hash_key').on(t.tokenHash)],
);
