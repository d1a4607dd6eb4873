// Using registered servers through the shared connection manager: tools, resources, prompts, logs, restart.
import type { CallToolResult, McpTool } from '@mcp-studio/protocol';
import type { Client } from '@modelcontextprotocol/client';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import type { CredentialService } from '../credentials/service.js';
import type { ConnectionManager } from './manager/connectionManager.js';
import { ConnectionLostError, RequestTimeoutError, ServerBusyError, ServerDownError } from './manager/errors.js';
import type { ManagedServer } from './manager/types.js';
import { presentServer } from './present.js';
import { findServer } from './store.js';
import { assertUrlAllowed, buildTarget, type UrlCheck } from './target.js';

export interface ServerCallsDeps {
  db: Db;
  manager: ConnectionManager;
  credentials: CredentialService;
  checkUrl: UrlCheck;
}

/** What the manager's failures mean to an API caller. */
function asAppError(err: unknown): unknown {
  if (err instanceof ServerBusyError)
    return new AppError('server_busy', 503, err.message, undefined, { 'retry-after': '1' });
  if (err instanceof ServerDownError) return new AppError('server_down', 503, err.message);
  if (err instanceof RequestTimeoutError) return new AppError('timeout', 504, err.message);
  if (err instanceof ConnectionLostError) return new AppError('connection_lost', 502, err.message);
  if (err instanceof AppError) return err;
  const code = (err as { code?: unknown }).code;
  const message = err instanceof Error ? err.message : String(err);
  return new AppError('upstream_error', 502, `The MCP server answered with an error: ${message}`, {
    ...(typeof code === 'number' ? { jsonRpcCode: code } : {}),
  });
}

export class ServerCalls {
  constructor(private readonly deps: ServerCallsDeps) {}

  async listTools(principal: Principal, id: string): Promise<McpTool[]> {
    return this.use(principal, id, async (client) => (await client.listTools()).tools as McpTool[]);
  }

  async callTool(
    principal: Principal,
    id: string,
    name: string,
    args: Record<string, unknown>,
  ): Promise<CallToolResult> {
    return this.use(
      principal,
      id,
      async (client, signal) => (await client.callTool({ name, arguments: args }, { signal })) as CallToolResult,
    );
  }

  /** Resources and templates; a server without the resources capability simply has none. */
  async listResources(principal: Principal, id: string) {
    return this.use(principal, id, async (client) => {
      if (!client.getServerCapabilities()?.resources) return { resources: [], resourceTemplates: [] };
      const [resources, templates] = [await client.listResources(), await client.listResourceTemplates()];
      return { resources: resources.resources, resourceTemplates: templates.resourceTemplates };
    });
  }

  async readResource(principal: Principal, id: string, uri: string) {
    return this.use(principal, id, (client, signal) => client.readResource({ uri }, { signal }));
  }

  async listPrompts(principal: Principal, id: string) {
    return this.use(principal, id, async (client) =>
      client.getServerCapabilities()?.prompts ? (await client.listPrompts()).prompts : [],
    );
  }

  async getPrompt(principal: Principal, id: string, name: string, args: Record<string, string>) {
    return this.use(principal, id, (client, signal) => client.getPrompt({ name, arguments: args }, { signal }));
  }

  async logs(principal: Principal, id: string): Promise<string> {
    await this.load(principal.orgId, id);
    return this.deps.manager.logs(id);
  }

  async restart(principal: Principal, id: string): Promise<void> {
    await this.load(principal.orgId, id);
    await this.deps.manager.restart(id);
  }

  /** Ends a server's connection (and process) so the next use picks up a changed or removed registration. */
  close(serverId: string): Promise<void> {
    return this.deps.manager.close(serverId);
  }

  private async use<T>(
    principal: Principal,
    id: string,
    fn: (client: Client, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const server = await this.load(principal.orgId, id);
    if (!server.enabled) throw conflict('server_disabled', 'This MCP server is disabled');
    try {
      return await this.deps.manager.use(this.managed(principal.orgId, server.id, server), fn);
    } catch (err) {
      throw asAppError(err);
    }
  }

  /** The registration is read again at every (re)connect, so rotated secrets and changes apply. */
  private managed(orgId: string, serverId: string, first: ReturnType<typeof presentServer>): ManagedServer {
    return {
      id: serverId,
      timeoutMs: first.timeoutMs,
      maxConcurrency: first.maxConcurrency,
      target: async () => {
        const server = await this.load(orgId, serverId);
        if (server.transport !== 'stdio' && server.url) await assertUrlAllowed(this.deps.checkUrl, server.url);
        return buildTarget(server, (credentialId) =>
          this.deps.credentials.useValue(orgId, credentialId, { type: 'server', id: serverId }),
        );
      },
    };
  }

  private async load(orgId: string, id: string) {
    const row = await findServer(this.deps.db, orgId, id);
    if (!row) throw notFound('MCP server');
    return presentServer(row);
  }
}
