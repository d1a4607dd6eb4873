// MCP server registrations: how to reach a server (stdio process or HTTP endpoint) and authenticate to it.
import { z } from 'zod';
import { idSchema, isoDateSchema, plainStringSchema, textSchema } from './common.js';

export const SERVER_TRANSPORTS = ['stdio', 'streamable-http', 'sse'] as const;
export const serverTransportSchema = z.enum(SERVER_TRANSPORTS);
export type ServerTransport = z.infer<typeof serverTransportSchema>;

export const SERVER_STATUSES = ['unknown', 'healthy', 'warning', 'down'] as const;
export const serverStatusSchema = z.enum(SERVER_STATUSES);

/** A secret given as a new value (stored in the vault) or as an existing credential of the organization. */
export const secretInputSchema = z.union([plainStringSchema(64 * 1024, 1), z.object({ credentialId: idSchema })]);
export type SecretInput = z.infer<typeof secretInputSchema>;

const headerName = z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$/, 'Not a valid HTTP header name');
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,127}$/, 'Not a valid environment variable name');

export const serverAuthInputSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({
    type: z.literal('api_key'),
    in: z.enum(['header', 'query']).default('header'),
    name: z.string().min(1).max(100),
    value: secretInputSchema,
  }),
  z.object({ type: z.literal('basic'), username: textSchema(200, 1), password: secretInputSchema }),
  z.object({ type: z.literal('bearer'), token: secretInputSchema }),
  z.object({
    type: z.literal('mtls'),
    certificate: secretInputSchema.describe('PEM client certificate'),
    privateKey: secretInputSchema.describe('PEM private key'),
    ca: secretInputSchema.optional().describe('PEM certificate authority to trust'),
  }),
]);
export type ServerAuthInput = z.infer<typeof serverAuthInputSchema>;

/** Authentication as the API shows it: its shape and the credentials holding its secrets, never the secrets. */
export const serverAuthSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('none') }),
  z.object({ type: z.literal('api_key'), in: z.enum(['header', 'query']), name: z.string(), credentialId: idSchema }),
  z.object({ type: z.literal('basic'), username: z.string(), credentialId: idSchema }),
  z.object({ type: z.literal('bearer'), credentialId: idSchema }),
  z.object({
    type: z.literal('mtls'),
    certificateCredentialId: idSchema,
    privateKeyCredentialId: idSchema,
    caCredentialId: idSchema.nullable(),
  }),
]);
export type ServerAuth = z.infer<typeof serverAuthSchema>;

export const MANIFEST_PERMISSIONS = [
  'network_access',
  'file_system_read',
  'file_system_write',
  'tool_execute',
] as const;
/** A directory a manifest grants: absolute, and without `..` so what is shown is what is granted. */
const manifestPathSchema = textSchema(4096, 1)
  .refine((path) => /^(\/|[A-Za-z]:[\\/])/.test(path), 'Must be an absolute path')
  .refine((path) => !path.split(/[\\/]/).includes('..'), 'Must not contain ".." segments');

/**
 * What a local (stdio) server may do, shown before it is enabled. The studio enforces the paths (as MCP roots),
 * the absence of network settings without `network_access`, and the limits (as rlimits of the process).
 */
export const serverManifestSchema = z
  .object({
    name: textSchema(200, 1),
    version: textSchema(50, 1),
    description: textSchema(2000).optional(),
    permissions: z.array(z.enum(MANIFEST_PERMISSIONS)).max(MANIFEST_PERMISSIONS.length).default([]),
    allowedHosts: z.array(textSchema(253, 1)).max(100).optional(),
    allowedPorts: z.array(z.number().int().min(1).max(65535)).max(100).optional(),
    readablePaths: z.array(manifestPathSchema).max(100).optional(),
    writablePaths: z.array(manifestPathSchema).max(100).optional(),
    maxFileSizeBytes: z.number().int().positive().optional(),
    maxMemoryMb: z.number().int().positive().max(1_048_576).optional(),
    maxCpuSeconds: z.number().int().positive().optional(),
  })
  .superRefine((manifest, ctx) => {
    if (manifest.permissions.includes('network_access')) return;
    for (const field of ['allowedHosts', 'allowedPorts'] as const) {
      if (manifest[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: 'Only with the network_access permission' });
      }
    }
  });
export type ServerManifest = z.infer<typeof serverManifestSchema>;

const serverFields = {
  name: textSchema(100, 1),
  description: textSchema(2000).optional(),
  command: textSchema(4096, 1).optional(),
  args: z.array(plainStringSchema(4096)).max(100).optional(),
  env: z.record(envName, plainStringSchema(8192)).optional().describe('Plain environment for a stdio server'),
  secretEnv: z.record(envName, secretInputSchema).optional().describe('Environment values kept in the vault'),
  cwd: textSchema(4096, 1).optional(),
  url: textSchema(2048, 1).optional(),
  headers: z.record(headerName, plainStringSchema(8192)).optional().describe('Plain HTTP headers'),
  secretHeaders: z.record(headerName, secretInputSchema).optional().describe('HTTP header values kept in the vault'),
  auth: serverAuthInputSchema.optional(),
  tags: z.array(textSchema(50, 1)).max(50).optional(),
  enabled: z.boolean().optional(),
  timeoutMs: z.number().int().min(1000).max(600_000).optional(),
  maxConcurrency: z.number().int().min(1).max(256).optional(),
  manifest: serverManifestSchema.nullable().optional(),
  disabledTools: z
    .array(z.string().min(1).max(128))
    .max(1000)
    .optional()
    .describe('Tools of this server nobody may list or call through the studio'),
};

/** The transport decides which fields apply: a process for stdio, a URL for HTTP. */
function checkTransportFields(
  body: { transport?: ServerTransport; command?: string; url?: string; [key: string]: unknown },
  ctx: z.RefinementCtx,
) {
  if (!body.transport) return;
  const isStdio = body.transport === 'stdio';
  const requireField = (field: 'command' | 'url') =>
    body[field] === undefined &&
    ctx.addIssue({ code: 'custom', path: [field], message: `Required for transport ${body.transport}` });
  const forbid = (fields: string[]) => {
    for (const field of fields) {
      if (body[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `Not used by transport ${body.transport}` });
      }
    }
  };
  if (isStdio) {
    requireField('command');
    forbid(['url', 'headers', 'secretHeaders']);
  } else {
    requireField('url');
    forbid(['command', 'args', 'env', 'secretEnv', 'cwd', 'manifest']);
  }
}

export const createServerBodySchema = z
  .object({ ...serverFields, transport: serverTransportSchema })
  .superRefine(checkTransportFields);
export type CreateServerBody = z.input<typeof createServerBodySchema>;

/** A PATCH may also clear the optional text fields with `null`. */
export const updateServerBodySchema = z
  .object({
    ...serverFields,
    transport: serverTransportSchema,
    description: serverFields.description.unwrap().nullable(),
    cwd: serverFields.cwd.unwrap().nullable(),
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'Give at least one field to change');
export type UpdateServerBody = z.infer<typeof updateServerBodySchema>;
/** What a client may send (defaults not yet applied). */
export type UpdateServerBodyInput = z.input<typeof updateServerBodySchema>;

export const serverSchema = z.object({
  id: idSchema,
  name: z.string(),
  slug: z.string().describe('Names the server elsewhere, e.g. in gateway tool names'),
  description: z.string().nullable(),
  transport: serverTransportSchema,
  command: z.string().nullable(),
  args: z.array(z.string()),
  env: z.record(z.string(), z.string()),
  secretEnv: z.record(z.string(), z.object({ credentialId: idSchema })),
  cwd: z.string().nullable(),
  url: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
  secretHeaders: z.record(z.string(), z.object({ credentialId: idSchema })),
  auth: serverAuthSchema,
  tags: z.array(z.string()),
  enabled: z.boolean(),
  timeoutMs: z.number().int(),
  maxConcurrency: z.number().int(),
  manifest: serverManifestSchema.nullable(),
  disabledTools: z.array(z.string()),
  status: serverStatusSchema,
  latencyMs: z.number().int().nullable(),
  lastCheckedAt: isoDateSchema.nullable(),
  lastError: z.string().nullable(),
  toolCount: z.number().int(),
  createdAt: isoDateSchema,
  updatedAt: isoDateSchema,
});
export type McpServer = z.infer<typeof serverSchema>;
export const serversListSchema = z.object({ servers: z.array(serverSchema) });

export const CONNECTION_FAILURE_REASONS = [
  'dns',
  'refused',
  'tls',
  'certificate',
  'unauthorized',
  'forbidden',
  'timeout',
  'protocol',
  'process_exited',
] as const;

/** The steps of "Test connection", in order; a failed step ends the test, so later ones are absent. */
export const CONNECTION_CHECKS = ['connect', 'initialize', 'ping', 'tools', 'resources', 'prompts'] as const;
export const connectionCheckSchema = z.object({
  check: z.enum(CONNECTION_CHECKS),
  ok: z.boolean(),
  latencyMs: z.number().int().optional(),
  message: z.string().optional(),
});
export type ConnectionCheck = z.infer<typeof connectionCheckSchema>;

/** The outcome of "Test connection": negotiate, ping, list; or the reason it failed. Both list the checks run. */
export const connectionTestResultSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    protocolVersion: z.string(),
    serverInfo: z.object({ name: z.string(), version: z.string() }),
    capabilities: z.record(z.string(), z.unknown()),
    counts: z.object({ tools: z.number().int(), resources: z.number().int(), prompts: z.number().int() }),
    latencyMs: z.number().int(),
    checks: z.array(connectionCheckSchema),
    tools: z
      .array(z.object({ name: z.string(), title: z.string().optional(), description: z.string().optional() }))
      .describe('What the server offers, to choose which tools to enable'),
  }),
  z.object({
    ok: z.literal(false),
    reason: z.enum(CONNECTION_FAILURE_REASONS),
    message: z.string(),
    checks: z.array(connectionCheckSchema),
  }),
]);
export type ConnectionTestResult = z.infer<typeof connectionTestResultSchema>;

/** A tool as the server describes it (fields beyond these pass through). */
export const mcpToolSchema = z.looseObject({
  name: z.string(),
  title: z.string().optional(),
  description: z.string().optional(),
  inputSchema: z.record(z.string(), z.unknown()),
  outputSchema: z.record(z.string(), z.unknown()).optional(),
  annotations: z.record(z.string(), z.unknown()).optional(),
});
export type McpTool = z.infer<typeof mcpToolSchema>;
export const mcpToolsListSchema = z.object({ tools: z.array(mcpToolSchema) });

export const callToolBodySchema = z.object({ arguments: z.record(z.string(), z.unknown()).default({}) });

/** The MCP result of a tool call, as the server returned it. */
export const callToolResultSchema = z.looseObject({
  content: z.array(z.unknown()),
  structuredContent: z.unknown().optional(),
  isError: z.boolean().optional(),
});
export type CallToolResult = z.infer<typeof callToolResultSchema>;

/**
 * A tool call made with `Accept: text/event-stream` answers as server-sent events: any number of
 * `event: progress` (this shape), then one `event: result` (callToolResultSchema) or `event: error` (an ErrorBody).
 * Closing the request cancels the call upstream (`notifications/cancelled`).
 */
export const toolCallProgressSchema = z.object({
  progress: z.number(),
  total: z.number().optional(),
  message: z.string().optional(),
});
export type ToolCallProgress = z.infer<typeof toolCallProgressSchema>;
export const TOOL_CALL_STREAM_EVENTS = ['progress', 'result', 'error'] as const;

/** One JSON-RPC message between the studio and a server, as kept in the server's recent transcript. */
export const transcriptEntrySchema = z.object({
  at: isoDateSchema,
  direction: z.enum(['sent', 'received']),
  message: z.unknown().describe('The JSON-RPC message; a long one is cut and `truncated` set'),
  truncated: z.boolean(),
});
export type TranscriptEntry = z.infer<typeof transcriptEntrySchema>;

/** GET /api/servers/:id/logs: the stderr ring buffer and the JSON-RPC transcript of recent traffic, oldest first. */
export const serverLogsSchema = z.object({ stderr: z.string(), transcript: z.array(transcriptEntrySchema) });
export type ServerLogs = z.infer<typeof serverLogsSchema>;

const loose = z.looseObject({});

export const mcpResourcesListSchema = z.object({ resources: z.array(loose), resourceTemplates: z.array(loose) });
export const readResourceBodySchema = z.object({ uri: z.string().min(1).max(8192) });
export const readResourceResultSchema = z.looseObject({ contents: z.array(loose) });

export const mcpPromptsListSchema = z.object({ prompts: z.array(z.looseObject({ name: z.string() })) });
export const getPromptBodySchema = z.object({ arguments: z.record(z.string(), z.string()).default({}) });
export const getPromptResultSchema = z.looseObject({ description: z.string().optional(), messages: z.array(loose) });

/**
 * One server of a client config file (Claude Desktop, Cursor: `mcpServers`; VS Code: `servers`): a process
 * (`command`, `args`, `env`, `cwd`) or an endpoint (`url`, `headers`, `type`). Unknown fields are tolerated.
 */
export const mcpConfigEntrySchema = z.looseObject({
  type: z.string().max(50).optional().describe('"stdio", "http", "streamable-http", "streamableHttp" or "sse"'),
  command: z.string().optional(),
  args: z.array(z.string()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  cwd: z.string().optional(),
  url: z.string().optional(),
  headers: z.record(z.string(), z.string()).optional(),
});
export type McpConfigEntry = z.infer<typeof mcpConfigEntrySchema>;

/** Entries are checked one by one on import, so one bad entry is reported and skipped, not a failed request. */
const mcpConfigServersSchema = z
  .record(z.string(), z.unknown().describe('An entry as in mcpConfigEntrySchema'))
  .refine((servers) => Object.keys(servers).length <= 200, 'At most 200 servers per import');

export const importServersBodySchema = z
  .looseObject({ mcpServers: mcpConfigServersSchema.optional(), servers: mcpConfigServersSchema.optional() })
  .refine((b) => b.mcpServers !== undefined || b.servers !== undefined, 'Give "mcpServers" (or "servers")');
export type ImportServersBody = z.infer<typeof importServersBodySchema>;

export const importServersQuerySchema = z.object({
  dryRun: z.enum(['true', 'false']).default('false').describe('true: only report what an import would do'),
});

export const IMPORT_ACTIONS = ['create', 'skip', 'created', 'skipped'] as const;
export const importServersResultSchema = z.object({
  servers: z.array(
    z.object({
      name: z.string(),
      action: z.enum(IMPORT_ACTIONS),
      reason: z.string().optional(),
      id: idSchema.optional().describe('Of a created server'),
      registration: z
        .record(z.string(), z.unknown())
        .optional()
        .describe('The registration body, secret values shown as "••••"'),
    }),
  ),
});
export type ImportServersResult = z.infer<typeof importServersResultSchema>;

/** Export in client config form; secrets appear only as `<secret:credential-id>` placeholders. */
export const exportServersResultSchema = z.object({
  mcpServers: z.record(
    z.string(),
    z.object({
      command: z.string().optional(),
      args: z.array(z.string()).optional(),
      env: z.record(z.string(), z.string()).optional(),
      cwd: z.string().optional(),
      type: z.enum(['http', 'sse']).optional(),
      url: z.string().optional(),
      headers: z.record(z.string(), z.string()).optional(),
    }),
  ),
});
export type ExportServersResult = z.infer<typeof exportServersResultSchema>;
