// The gateway's view of an organization's servers: which tools a token may see under which name, and calling them.
import type { CallToolResult, MeteredMethod } from '@mcp-studio/protocol';
import type { Tool } from '@modelcontextprotocol/server';
import type { Principal } from '../../platform/auth/principal.js';
import { AppError } from '../../platform/http/errors.js';
import type { ServerDirectory } from '../servers/directory.js';
import type { ServerCalls, ToolCallOptions } from '../servers/serverCalls.js';
import type { Metering } from '../usage/metering.js';
import { mayUseTools, reachableServers } from './access.js';
import { GatewayPrompts } from './prompts.js';
import { GatewayResources } from './resources.js';
import { exposedToolNames, type UpstreamTool } from './toolNames.js';

/** A tool as the gateway lists it: the upstream definition under its exposed name. */
export type GatewayTool = Tool;

/** The name is not one this token may call (unknown, disabled, or not permitted: the caller cannot tell). */
export class UnknownToolError extends Error {
  constructor(name: string) {
    super(`Unknown tool: ${name}`);
    this.name = 'UnknownToolError';
  }
}

/** The token's owner has a role that may not call tools (VIEWER). */
export class ToolUseDeniedError extends Error {
  constructor() {
    super('Your role may not call MCP tools');
    this.name = 'ToolUseDeniedError';
  }
}

/** Narrows the gateway to some of the exposed tools, under names of its own (a virtual server). */
export interface GatewayScope {
  select<T extends UpstreamTool>(exposed: ReadonlyMap<string, T>): Map<string, T>;
}

export interface GatewayDeps {
  /** Servers and catalogs, as the gateway lists them. */
  directory: Pick<ServerDirectory, 'listServers' | 'tools' | 'resources' | 'prompts'>;
  calls: Pick<ServerCalls, 'callTool' | 'readResource' | 'getPrompt'>;
  /** Records refused calls; the calls themselves are metered where they are forwarded. */
  metering: Pick<Metering, 'denied'>;
  log: { warn(details: object, message: string): void };
}

/** Where a metered request goes: the server and the name (tool, prompt) or URI it has there. */
export interface CallTarget {
  serverId: string;
  upstream: string;
}

type Listed = UpstreamTool & { definition: GatewayTool };

/** Keys of a catalog definition that reach gateway clients; anything else stays in the studio. */
const KEPT = ['title', 'description', 'outputSchema', 'annotations'] as const;

export class GatewayService {
  /** Resources and prompts of the same servers, by the same permission rule. */
  readonly resources: GatewayResources;
  readonly prompts: GatewayPrompts;
  /** Exposed tools by organization listing (a new listing after every change), then by token view. */
  private readonly views = new WeakMap<object, Map<string, Promise<Map<string, Listed>>>>();

  constructor(private readonly deps: GatewayDeps) {
    this.resources = new GatewayResources(deps);
    this.prompts = new GatewayPrompts(deps);
  }

  async listTools(principal: Principal, scope?: GatewayScope): Promise<GatewayTool[]> {
    const names = await this.exposed(principal, scope);
    return [...names].map(([name, tool]) => ({ ...tool.definition, name }));
  }

  /**
   * Calls the tool behind an exposed name. Failures the studio can explain (arguments, disabled, server down,
   * timeout, the server's own error) become a result with `isError`, so a model can read and react to them.
   */
  async callTool(
    principal: Principal,
    name: string,
    args: Record<string, unknown>,
    options: ToolCallOptions,
    scope?: GatewayScope,
  ): Promise<CallToolResult> {
    const denied = { principal, method: 'tools/call', serverId: null, tool: name, input: args } as const;
    const requestId = options.requestId ?? '';
    if (!mayUseTools(principal)) {
      this.deps.metering.denied({ ...denied, requestId }, 'role_denied');
      throw new ToolUseDeniedError();
    }
    const tool = await this.resolveTool(principal, name, scope);
    if (!tool) {
      this.deps.metering.denied({ ...denied, requestId }, 'unknown_tool');
      throw new UnknownToolError(name);
    }
    try {
      return await this.deps.calls.callTool(principal, tool.serverId, tool.upstream, args, options);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      return { content: [{ type: 'text', text: `${err.code}: ${err.message}` }], isError: true };
    }
  }

  /** Where a metered request (tools/call, resources/read, prompts/get) would go for this token, if anywhere. */
  async resolveMetered(
    principal: Principal,
    method: MeteredMethod,
    params: Record<string, unknown>,
    scope?: GatewayScope,
  ): Promise<CallTarget | undefined> {
    const { name, uri } = params;
    if (method === 'tools/call') return typeof name === 'string' ? this.resolveTool(principal, name, scope) : undefined;
    // A virtual server offers tools only.
    if (scope) return undefined;
    if (method === 'prompts/get') return typeof name === 'string' ? this.prompts.resolve(principal, name) : undefined;
    const resource = typeof uri === 'string' ? await this.resources.resolve(principal, uri) : undefined;
    return resource && { serverId: resource.server.id, upstream: resource.uri };
  }

  /** The server and upstream name behind an exposed tool name, if this token may call it. */
  async resolveTool(principal: Principal, name: string, scope?: GatewayScope): Promise<CallTarget | undefined> {
    const tool = (await this.exposed(principal, scope)).get(name);
    return tool && { serverId: tool.serverId, upstream: tool.tool };
  }

  /**
   * The tools a token may call, by exposed name. Worked out once per listing of the organization and token view
   * (role and permissions): the directory reads the organization again after any change, and the view follows.
   */
  private async exposed(principal: Principal, scope?: GatewayScope): Promise<Map<string, Listed>> {
    const listing = this.deps.directory.listServers(principal.orgId);
    let views = this.views.get(listing);
    if (!views) {
      views = new Map();
      this.views.set(listing, views);
    }
    const view = `${principal.role} ${(principal.permissions ?? []).join(' ')}`;
    let exposure = views.get(view);
    if (!exposure) {
      const computing = this.expose(principal);
      exposure = computing.then(({ names }) => names);
      views.set(view, exposure);
      // A server whose catalog could not be read is retried by the next request, not left out until the next listing.
      const forget = () => views.delete(view);
      computing.then(({ complete }) => complete || forget(), forget);
    }
    const names = await exposure;
    return scope ? scope.select(names) : names;
  }

  private async expose(principal: Principal): Promise<{ names: Map<string, Listed>; complete: boolean }> {
    const servers = await reachableServers(this.deps.directory, principal);
    const listed: Listed[] = [];
    let complete = true;
    for (const server of servers) {
      try {
        const { tools } = await this.deps.directory.tools(principal.orgId, server.id);
        for (const tool of tools) {
          if (!tool.enabled) continue;
          listed.push({
            serverId: server.id,
            serverSlug: server.slug,
            tool: tool.name,
            definition: definitionOf(tool),
          });
        }
      } catch (err) {
        // A server whose catalog was never read and cannot be reached now offers nothing; the others still do.
        complete = false;
        const reason = err instanceof Error ? err.message : String(err);
        this.deps.log.warn(
          { serverId: server.id, reason },
          'the gateway skipped a server whose catalog is unavailable',
        );
      }
    }
    return { names: exposedToolNames(listed), complete };
  }
}

function definitionOf(tool: Record<string, unknown> & { name: string; inputSchema: Record<string, unknown> }) {
  // The catalog stored what the server listed, which the SDK client had already checked against the MCP schema.
  const definition = { name: tool.name, inputSchema: tool.inputSchema } as GatewayTool;
  for (const key of KEPT) {
    if (tool[key] !== undefined) Object.assign(definition, { [key]: tool[key] });
  }
  return definition;
}
