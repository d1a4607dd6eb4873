// Import and export of the `{"mcpServers": {…}}` config of Claude Desktop, Cursor and VS Code (`servers`).
//
// Import: each entry becomes a registration created through ServerService.create, so limits, the URL policy,
// slugs and vault storage all apply. Every `env` value goes to `secretEnv` and every header to `secretHeaders`
// (config files keep API keys there), except `Authorization: Bearer X`, which becomes bearer auth.
//
// Export: secrets are never written out. Each appears as the placeholder `<secret:CREDENTIAL-ID>` (the vault
// credential holding it; bearer auth as `Authorization: Bearer <secret:CREDENTIAL-ID>`). Importing such a file
// into the same organization turns a placeholder back into a `{credentialId}` reference.
import {
  type CreateServerBody,
  createServerBodySchema,
  type ExportServersResult,
  type ImportServersBody,
  type ImportServersResult,
  type McpServer,
  mcpConfigEntrySchema,
  type SecretInput,
} from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServerService } from './service.js';
import { assertUrlAllowed, type UrlCheck } from './target.js';

export const MASK = '••••';
const PLACEHOLDER = /^<secret:([0-9a-fA-F-]{36})>$/;

export const placeholder = (credentialId: string) => `<secret:${credentialId}>`;

type ImportedServer = ImportServersResult['servers'][number];
type Mapped = { ok: true; body: CreateServerBody } | { ok: false; reason: string };

/** A secret value, or the reference an exported placeholder stands for. */
function secretOf(value: string): SecretInput {
  const match = PLACEHOLDER.exec(value.trim());
  return match ? { credentialId: match[1]!.toLowerCase() } : value;
}

const nonEmpty = <T>(record: Record<string, T>) => (Object.keys(record).length > 0 ? record : undefined);

/** One config entry as a registration body, checked as POST /api/servers would check it. */
export function registrationOf(name: string, raw: unknown): Mapped {
  const parsed = mcpConfigEntrySchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: `Invalid entry: ${issuesOf(parsed.error.issues)}` };
  const entry = parsed.data;
  const type = entry.type?.toLowerCase();
  let body: CreateServerBody;
  if (entry.command !== undefined && entry.url === undefined && (type === undefined || type === 'stdio')) {
    const secretEnv = Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, secretOf(v)]));
    body = {
      name,
      transport: 'stdio',
      command: entry.command,
      ...(entry.args ? { args: entry.args } : {}),
      ...(nonEmpty(secretEnv) ? { secretEnv } : {}),
      ...(entry.cwd !== undefined ? { cwd: entry.cwd } : {}),
    };
  } else if (entry.url !== undefined && entry.command === undefined && type !== 'stdio') {
    const sse = type === 'sse' || (type === undefined && /\/sse\/?$/.test(urlPath(entry.url)));
    const secretHeaders: Record<string, SecretInput> = {};
    let auth: CreateServerBody['auth'];
    for (const [header, value] of Object.entries(entry.headers ?? {})) {
      const bearer = /^Bearer\s+(\S.*)$/i.exec(value.trim());
      if (header.toLowerCase() === 'authorization' && bearer && !auth) {
        auth = { type: 'bearer', token: secretOf(bearer[1]!) };
      } else {
        secretHeaders[header] = secretOf(value);
      }
    }
    body = {
      name,
      transport: sse ? 'sse' : 'streamable-http',
      url: entry.url,
      ...(nonEmpty(secretHeaders) ? { secretHeaders } : {}),
      ...(auth ? { auth } : {}),
    };
  } else {
    return { ok: false, reason: 'An entry needs either a "command" (stdio) or a "url" (HTTP), not both' };
  }
  const checked = createServerBodySchema.safeParse(body);
  if (!checked.success) return { ok: false, reason: `Invalid registration: ${issuesOf(checked.error.issues)}` };
  return { ok: true, body };
}

function urlPath(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return '';
  }
}

function issuesOf(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`).join('; ');
}

/** The body with every secret value replaced by the mask; references stay, they are not secret. */
export function masked(body: CreateServerBody): Record<string, unknown> {
  const mask = (input: SecretInput) => (typeof input === 'string' ? MASK : input);
  const maskAll = (record: Record<string, SecretInput> | undefined) =>
    record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k, mask(v)]));
  return {
    ...body,
    ...(body.secretEnv ? { secretEnv: maskAll(body.secretEnv) } : {}),
    ...(body.secretHeaders ? { secretHeaders: maskAll(body.secretHeaders) } : {}),
    ...(body.auth?.type === 'bearer' ? { auth: { type: 'bearer', token: mask(body.auth.token) } } : {}),
  };
}

export interface ServerImportExportDeps {
  servers: ServerService;
  checkUrl: UrlCheck;
}

export class ServerImportExport {
  constructor(private readonly deps: ServerImportExportDeps) {}

  async import(
    principal: Principal,
    config: ImportServersBody,
    dryRun: boolean,
    ip: string | null,
  ): Promise<ImportServersResult> {
    const entries = [...Object.entries(config.mcpServers ?? {}), ...Object.entries(config.servers ?? {})];
    const taken = new Set((await this.deps.servers.list(principal)).map((s) => s.name));
    const skip = dryRun ? 'skip' : 'skipped';
    const results: ImportedServer[] = [];
    for (const [name, raw] of entries) {
      const mapped = registrationOf(name, raw);
      if (!mapped.ok) {
        results.push({ name, action: skip, reason: mapped.reason });
        continue;
      }
      const registration = masked(mapped.body);
      if (taken.has(name)) {
        results.push({ name, action: skip, reason: 'An MCP server with this name already exists', registration });
        continue;
      }
      try {
        if (dryRun) {
          const { body } = mapped;
          if (body.transport !== 'stdio' && body.url) await assertUrlAllowed(this.deps.checkUrl, body.url);
          results.push({ name, action: 'create', registration });
        } else {
          const created = await this.deps.servers.create(principal, mapped.body, ip);
          results.push({ name, action: 'created', id: created.id, registration });
        }
        taken.add(name);
      } catch (err) {
        if (!(err instanceof AppError) || err.statusCode >= 500) throw err;
        results.push({ name, action: skip, reason: err.message, registration });
      }
    }
    return { servers: results };
  }

  async export(principal: Principal): Promise<ExportServersResult> {
    const servers = await this.deps.servers.list(principal);
    return { mcpServers: Object.fromEntries(servers.map((s) => [s.name, exportEntry(s)])) };
  }
}

const placeholders = (refs: Record<string, { credentialId: string }>) =>
  Object.fromEntries(Object.entries(refs).map(([k, ref]) => [k, placeholder(ref.credentialId)]));

/**
 * A registration in Claude Desktop form (HTTP ones with VS Code's `type`). Auth a config file cannot express
 * (basic, api_key in the query, mTLS) is left out.
 */
export function exportEntry(server: McpServer): ExportServersResult['mcpServers'][string] {
  if (server.transport === 'stdio') {
    return {
      command: server.command ?? '',
      args: server.args,
      env: { ...server.env, ...placeholders(server.secretEnv) },
      ...(server.cwd ? { cwd: server.cwd } : {}),
    };
  }
  const auth = server.auth;
  const authHeaders: Record<string, string> =
    auth.type === 'bearer'
      ? { Authorization: `Bearer ${placeholder(auth.credentialId)}` }
      : auth.type === 'api_key' && auth.in === 'header'
        ? { [auth.name]: placeholder(auth.credentialId) }
        : {};
  return {
    type: server.transport === 'sse' ? 'sse' : 'http',
    url: server.url ?? '',
    headers: { ...server.headers, ...placeholders(server.secretHeaders), ...authHeaders },
  };
}
