// Using registered servers through the shared connection manager: tools, resources, prompts, logs, restart.
import type { CallToolResult, McpServer, ServerLogs, ToolCallProgress } from '@mcp-studio/protocol';
import type { Client } from '@modelcontextprotocol/client';
import type { Principal } from '../../platform/auth/principal.js';
import type { Db } from '../../platform/db/database.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import type { CredentialService } from '../credentials/service.js';
import type { MeteredCall, Metering } from '../usage/metering.js';
import type { Admission } from '../usage/quotas.js';
import { NotForwardedError, UpstreamRpcError } from './callErrors.js';
import { describeInvalidReply, describeOutputMismatch } from './connection/invalidReply.js';
import { ReplyTooLargeError } from './connection/replyLimit.js';
import type { ServerDirectory } from './directory.js';
import type { ToolCallGuard } from './discovery/callGuard.js';
import type { ConnectionManager } from './manager/connectionManager.js';
import {
  ConnectionLostError,
  RequestCancelledError,
  RequestTimeoutError,
  ServerBusyError,
  ServerDownError,
} from './manager/errors.js';
import type { CallScope } from './manager/session.js';
import type { ManagedServer, UseOptions } from './manager/types.js';
import { presentServer } from './present.js';
import { findServer } from './store.js';
import { connectionTarget, type UrlCheck } from './target.js';

/** How a metered call (tools/call, resources/read, prompts/get) is tied to its request and quota. */
export interface MeteredCallOptions {
  /** Aborting it cancels the call: the server is sent `notifications/cancelled` and the slot is freed. */
  signal?: AbortSignal;
  /** The HTTP request's id, kept on the usage event. */
  requestId?: string;
  /** The quota was already counted for this call (the gateway counts before it answers, to send a 429). */
  admission?: Admission;
  /** A limit of the caller's own on the request, under the server's timeout (the per-server proxy's). */
  timeoutMs?: number;
}

export interface ToolCallOptions extends MeteredCallOptions {
  /** Progress notifications of the call; asking for them lets progress extend the timeout. */
  onProgress?: (progress: ToolCallProgress) => void;
  /** Called once every check that can refuse the call has passed, just before it goes to the server. */
  onStart?: () => void;
}

export interface ServerCallsDeps {
  db: Db;
  manager: ConnectionManager;
  /** Registrations as this process holds them, for the calls themselves; (re)connecting reads the database. */
  directory: Pick<ServerDirectory, 'server'>;
  credentials: CredentialService;
  checkUrl: UrlCheck;
  /** Refuses calls to unknown or disabled tools and arguments that do not match the tool's schema. */
  toolGuard: Pick<ToolCallGuard, 'assertCallable'>;
  /** Counts user calls against quotas and records their usage. */
  metering: Metering;
}

/** What a call needs of a registration: the stored row serves as well as its presented form. */
type Registration = Pick<McpServer, 'id' | 'enabled' | 'disabledTools' | 'timeoutMs' | 'maxConcurrency'>;

/** What the manager's failures mean to an API caller. */
function asAppError(err: unknown): unknown {
  if (err instanceof ServerBusyError)
    return new AppError('server_busy', 503, err.message, undefined, { 'retry-after': '1' });
  if (err instanceof ServerDownError) return new AppError('server_down', 503, err.message);
  if (err instanceof RequestTimeoutError) return new AppError('timeout', 504, err.message);
  if (err instanceof ConnectionLostError) return new AppError('connection_lost', 502, err.message);
  // Nobody reads this answer (the caller left); 499 is what proxies log for it.
  if (err instanceof RequestCancelledError) return new AppError('cancelled', 499, err.message);
  if (err instanceof AppError) return err;
  if (err instanceof ReplyTooLargeError) {
    return new AppError('upstream_error', 502, `The MCP server's reply was dropped: ${err.message}`);
  }
  const invalid = describeInvalidReply(err);
  if (invalid) {
    const message = `The MCP server's reply to ${invalid.method} does not follow the MCP schema: ${invalid.issues}`;
    return new AppError('upstream_error', 502, message);
  }
  const mismatch = describeOutputMismatch(err);
  if (mismatch) {
    return new AppError(
      'upstream_error',
      502,
      `The MCP server's reply does not match the tool's output schema: ${mismatch}`,
    );
  }
  const { code, data } = err as { code?: unknown; data?: unknown };
  const message = err instanceof Error ? err.message : String(err);
  if (typeof code === 'number') return new UpstreamRpcError({ code, message, ...(data === undefined ? {} : { data }) });
  return new AppError('upstream_error', 502, `The MCP server answered with an error: ${message}`, {});
}

/**
 * A failure to open the connection, which may not recur. A full queue, a crash loop, a spent timeout, a caller gone
 * or the studio's own refusal (disabled, URL policy, missing credential) would only repeat at once.
 */
function isConnectFailure(err: unknown): boolean {
  return !(
    err instanceof ServerBusyError ||
    err instanceof ServerDownError ||
    err instanceof RequestTimeoutError ||
    err instanceof RequestCancelledError ||
    err instanceof AppError
  );
}

export class ServerCalls {
  constructor(private readonly deps: ServerCallsDeps) {}

  /**
   * Calls a tool. With `onProgress` the server is asked for progress, and each notification restarts the
   * per-request timeout (the SDK's too), so a long call that keeps reporting is not cut off while a silent one is.
   */
  async callTool(
    principal: Principal,
    id: string,
    name: string,
    args: Record<string, unknown>,
    options: ToolCallOptions = {},
  ): Promise<CallToolResult> {
    const { onProgress, onStart } = options;
    // The registration is looked up once per call: the guard and the connection both work from it. An unknown id
    // is a 404 that never becomes usage.
    const server = await this.registration(principal.orgId, id);
    const call = { principal, serverId: id, method: 'tools/call', tool: name, input: args } as const;
    return this.metered(call, options, async (reached) => {
      assertEnabled(server);
      const tool = await this.deps.toolGuard.assertCallable(principal.orgId, server, name, args);
      return this.run(
        principal.orgId,
        server,
        async (client, signal, { keepAlive, timeoutMs, direct }) => {
          reached();
          onStart?.();
          // The client checks structured content against an output schema, and relays progress: those need it.
          if (direct && !onProgress && tool.outputSchema === undefined) {
            return direct.callTool({ name, arguments: args }, signal);
          }
          const progress = onProgress && {
            resetTimeoutOnProgress: true,
            onprogress: ({ progress, total, message }: ToolCallProgress) => {
              keepAlive();
              onProgress({ progress, total, message });
            },
          };
          const request = { name, arguments: args };
          return (await client.callTool(request, { signal, timeout: timeoutMs, ...progress })) as CallToolResult;
        },
        useOptions(options),
      );
    });
  }

  readResource(principal: Principal, id: string, uri: string, options: MeteredCallOptions = {}) {
    const call = { method: 'resources/read', tool: uri, input: { uri } } as const;
    return this.forward(principal, id, call, options, (client, request) => client.readResource({ uri }, request));
  }

  getPrompt(
    principal: Principal,
    id: string,
    name: string,
    args: Record<string, string>,
    options: MeteredCallOptions = {},
  ) {
    const call = { method: 'prompts/get', tool: name, input: args } as const;
    return this.forward(principal, id, call, options, (client, request) =>
      client.getPrompt({ name, arguments: args }, request),
    );
  }

  /** A metered request other than a tool call: no guard, no progress, the server's timeout (or the caller's). */
  private async forward<T>(
    principal: Principal,
    id: string,
    call: Pick<MeteredCall, 'method' | 'tool' | 'input'>,
    options: MeteredCallOptions,
    send: (client: Client, request: { signal: AbortSignal; timeout: number }) => Promise<T>,
  ): Promise<T> {
    const server = await this.registration(principal.orgId, id);
    return this.metered({ principal, serverId: id, ...call }, options, (reached) =>
      this.runEnabled(
        principal.orgId,
        server,
        (client, signal, { timeoutMs }) => {
          reached();
          return send(client, { signal, timeout: timeoutMs });
        },
        useOptions(options),
      ),
    );
  }

  private metered<T>(
    call: Omit<MeteredCall, 'requestId'>,
    options: MeteredCallOptions,
    work: (reached: () => void) => Promise<T>,
  ): Promise<T> {
    return this.deps.metering.track({ ...call, requestId: options.requestId ?? '' }, work, options.admission);
  }

  /** Tool arguments and results may be sensitive: only those who may change the server read this. */
  async logs(principal: Principal, id: string): Promise<ServerLogs> {
    await this.load(principal.orgId, id);
    return { stderr: this.deps.manager.logs(id), transcript: this.deps.manager.transcript(id) };
  }

  async restart(principal: Principal, id: string): Promise<void> {
    await this.load(principal.orgId, id);
    await this.deps.manager.restart(id);
  }

  /** Ends a server's connection (and process) so the next use picks up a changed or removed registration. */
  close(serverId: string): Promise<void> {
    return this.deps.manager.close(serverId);
  }

  /**
   * The server's shared session for the studio's own work (health checks), acting for no user. The manager's
   * errors pass through unchanged, so the caller can tell a crash loop from a timeout.
   */
  useAsStudio<T>(
    orgId: string,
    server: McpServer,
    fn: (client: Client, signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return this.deps.manager.use(this.managed(orgId, server.id, server), fn);
  }

  /** The server's shared session for work that answers like a user's call (catalog refreshes), for no user. */
  async withClient<T>(
    orgId: string,
    id: string,
    fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
    options: UseOptions = {},
  ): Promise<T> {
    return this.runEnabled(orgId, await this.load(orgId, id), fn, options);
  }

  private runEnabled<T>(
    orgId: string,
    server: Registration,
    fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
    options: UseOptions = {},
  ): Promise<T> {
    assertEnabled(server);
    return this.run(orgId, server, fn, options);
  }

  private async run<T>(
    orgId: string,
    server: Registration,
    fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
    options: UseOptions = {},
  ): Promise<T> {
    // The manager calls `fn` only once a session is open: a failure before that never reached the server.
    let isHandedOver = false;
    const handOver = (client: Client, signal: AbortSignal, scope: CallScope) => {
      isHandedOver = true;
      return fn(client, signal, scope);
    };
    try {
      return await this.deps.manager.use(this.managed(orgId, server.id, server), handOver, options);
    } catch (err) {
      const failure = asAppError(err);
      if (!isHandedOver && isConnectFailure(err) && failure instanceof AppError) throw new NotForwardedError(failure);
      throw failure;
    }
  }

  /** The registration is read again at every (re)connect, so rotated secrets and changes apply. */
  private managed(orgId: string, serverId: string, first: Registration): ManagedServer {
    return {
      id: serverId,
      timeoutMs: first.timeoutMs,
      maxConcurrency: first.maxConcurrency,
      target: async () => {
        const server = await this.load(orgId, serverId);
        // A disable that lands while a background refresh or health check waits must not start the process again.
        assertEnabled(server);
        const use = (credentialId: string) =>
          this.deps.credentials.useValue(orgId, credentialId, { type: 'server', id: serverId });
        return connectionTarget(server, use, this.deps.checkUrl);
      },
    };
  }

  private async load(orgId: string, id: string) {
    const row = await findServer(this.deps.db, orgId, id);
    if (!row) throw notFound('MCP server');
    return presentServer(row);
  }

  /** The registration a call works from, from memory: changes reach it through the server events. */
  private async registration(orgId: string, id: string): Promise<Registration> {
    const row = await this.deps.directory.server(orgId, id);
    if (!row) throw notFound('MCP server');
    return row;
  }
}

function assertEnabled(server: { enabled: boolean }): void {
  if (!server.enabled) throw conflict('server_disabled', 'This MCP server is disabled');
}

const useOptions = ({ signal, timeoutMs }: MeteredCallOptions): UseOptions => ({ signal, timeoutMs });
