// The one registered server behind a proxy request: each MCP request forwarded over the server's shared session,
// under the proxy's timeout, and sent a second time only when the first attempt never reached the server.
import type { CallToolResult, ToolCallProgress } from '@mcp-studio/protocol';
import type {
  Client,
  CompleteRequestParams,
  Implementation,
  ResultTypeMap,
  ServerCapabilities,
} from '@modelcontextprotocol/client';
import type { Principal } from '../../../platform/auth/principal.js';
import { NotForwardedError } from '../../servers/callErrors.js';
import type { MeteredCallOptions, ServerCalls } from '../../servers/serverCalls.js';

/** What the server said of itself when its session opened. */
export interface UpstreamDescription {
  capabilities: ServerCapabilities;
  serverInfo: Implementation | undefined;
  instructions: string | undefined;
}

export type ListMethod = 'tools/list' | 'resources/list' | 'resources/templates/list' | 'prompts/list';

export interface ProxyUpstreamDeps {
  calls: Pick<ServerCalls, 'callTool' | 'readResource' | 'getPrompt' | 'withClient'>;
  principal: Principal;
  server: { id: string; disabledTools: readonly string[] };
  /** `EXTERNAL_MCP_PROXY_TIMEOUT_MS`; the server's own timeout still applies when it is shorter. */
  timeoutMs: number;
}

export interface ForwardOptions extends MeteredCallOptions {
  onProgress?: (progress: ToolCallProgress) => void;
}

export class ProxyUpstream {
  constructor(private readonly deps: ProxyUpstreamDeps) {}

  get serverId(): string {
    return this.deps.server.id;
  }

  /** Opens the shared session if needed and reads the capabilities, identity and instructions it began with. */
  describe(signal?: AbortSignal): Promise<UpstreamDescription> {
    return this.withClient(
      async (client) => ({
        capabilities: client.getServerCapabilities() ?? {},
        serverInfo: client.getServerVersion(),
        instructions: client.getInstructions(),
      }),
      signal,
    );
  }

  /**
   * One page of a list, as the server sent it: the cursor goes through, and the client's own `_meta` stays here
   * (it describes the client's exchange with the studio). Tools the studio disabled on this server are left out.
   */
  async list<M extends ListMethod>(
    method: M,
    params: { cursor?: string } | undefined,
    signal?: AbortSignal,
  ): Promise<ResultTypeMap[M]> {
    const forwarded = params?.cursor === undefined ? {} : { cursor: params.cursor };
    const page = await this.withClient(
      (client, upstreamSignal, timeout) =>
        client.request({ method, params: forwarded }, { signal: upstreamSignal, timeout }),
      signal,
    );
    if (method !== 'tools/list') return page;
    const { tools } = page as ResultTypeMap['tools/list'];
    const disabled = new Set(this.deps.server.disabledTools);
    return { ...page, tools: tools.filter((tool) => !disabled.has(tool.name)) };
  }

  complete(params: CompleteRequestParams, signal?: AbortSignal): Promise<ResultTypeMap['completion/complete']> {
    const { _meta: _clientMeta, ...forwarded } = params;
    return this.withClient(
      (client, upstreamSignal, timeout) =>
        client.request({ method: 'completion/complete', params: forwarded }, { signal: upstreamSignal, timeout }),
      signal,
    );
  }

  callTool(name: string, args: Record<string, unknown>, options: ForwardOptions): Promise<CallToolResult> {
    const { calls, principal, server } = this.deps;
    return sendAtMostTwice(
      (admission) =>
        calls.callTool(principal, server.id, name, args, { ...options, admission, timeoutMs: this.deps.timeoutMs }),
      options,
    );
  }

  readResource(uri: string, options: MeteredCallOptions): Promise<ResultTypeMap['resources/read']> {
    const { calls, principal, server } = this.deps;
    return sendAtMostTwice(
      (admission) =>
        calls.readResource(principal, server.id, uri, { ...options, admission, timeoutMs: this.deps.timeoutMs }),
      options,
    );
  }

  getPrompt(
    name: string,
    args: Record<string, string>,
    options: MeteredCallOptions,
  ): Promise<ResultTypeMap['prompts/get']> {
    const { calls, principal, server } = this.deps;
    return sendAtMostTwice(
      (admission) =>
        calls.getPrompt(principal, server.id, name, args, { ...options, admission, timeoutMs: this.deps.timeoutMs }),
      options,
    );
  }

  private withClient<T>(
    fn: (client: Client, signal: AbortSignal, timeoutMs: number) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    const { calls, principal, server, timeoutMs } = this.deps;
    return sendAtMostTwice(
      () =>
        calls.withClient(
          principal.orgId,
          server.id,
          (client, upstreamSignal, scope) => fn(client, upstreamSignal, scope.timeoutMs),
          { signal, timeoutMs },
        ),
      { signal },
    );
  }
}

/**
 * Sends once, and a second time only when the first attempt failed before its request reached an open session
 * (the connection could not be opened), so the server cannot have run it. A timeout, a lost connection or the
 * server's own error may follow a request the server saw: those are never sent again. The quota count taken for
 * the request goes with the first attempt; a failed first attempt gave it back, so the second counts anew.
 */
export async function sendAtMostTwice<T>(
  send: (admission: MeteredCallOptions['admission']) => Promise<T>,
  options: Pick<MeteredCallOptions, 'signal' | 'admission'>,
): Promise<T> {
  try {
    return await send(options.admission);
  } catch (err) {
    if (!(err instanceof NotForwardedError) || options.signal?.aborted) throw err;
    return send(undefined);
  }
}
