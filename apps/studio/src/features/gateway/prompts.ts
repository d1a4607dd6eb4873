// Prompts through the gateway: named `<server-slug>__<prompt>` like tools, fetched from their server.
import type { GetPromptResult, Prompt } from '@modelcontextprotocol/server';
import type { Principal } from '../../platform/auth/principal.js';
import type { ServerDirectory } from '../servers/directory.js';
import type { MeteredCallOptions, ServerCalls } from '../servers/serverCalls.js';
import type { Metering } from '../usage/metering.js';
import { fromEachServer, type GatewayLog, pick, reachableServers } from './access.js';
import type { CallTarget } from './service.js';
import { namespacedNames } from './toolNames.js';

export interface GatewayPromptsDeps {
  /** Servers and catalogs, as the gateway lists them. */
  directory: Pick<ServerDirectory, 'listServers' | 'prompts'>;
  calls: Pick<ServerCalls, 'getPrompt'>;
  metering: Pick<Metering, 'denied'>;
  log: GatewayLog;
}

/** The name is not one this token may use (unknown, or its server not permitted: the caller cannot tell). */
export class UnknownPromptError extends Error {
  constructor(name: string) {
    super(`Unknown prompt: ${name}`);
    this.name = 'UnknownPromptError';
  }
}

interface ListedPrompt {
  serverId: string;
  serverSlug: string;
  definition: Prompt;
}

const PROMPT_KEYS = ['title', 'description', 'arguments'] as const;

export class GatewayPrompts {
  constructor(private readonly deps: GatewayPromptsDeps) {}

  async listPrompts(principal: Principal): Promise<Prompt[]> {
    const names = await this.exposed(principal);
    return [...names].map(([name, prompt]) => ({ ...prompt.definition, name }));
  }

  async getPrompt(
    principal: Principal,
    name: string,
    args: Record<string, string>,
    options: MeteredCallOptions = {},
  ): Promise<GetPromptResult> {
    const prompt = await this.resolve(principal, name);
    if (!prompt) {
      const refused = { principal, method: 'prompts/get', serverId: null, tool: name, input: args } as const;
      this.deps.metering.denied({ ...refused, requestId: options.requestId ?? '' }, 'unknown_prompt');
      throw new UnknownPromptError(name);
    }
    return (await this.deps.calls.getPrompt(
      principal,
      prompt.serverId,
      prompt.upstream,
      args,
      options,
    )) as GetPromptResult;
  }

  /** The server and upstream name behind an exposed prompt name, if this token may use it. */
  async resolve(principal: Principal, name: string): Promise<CallTarget | undefined> {
    const prompt = (await this.exposed(principal)).get(name);
    return prompt && { serverId: prompt.serverId, upstream: prompt.definition.name };
  }

  /** Recomputed on every request from the catalog, as tool names are. */
  private async exposed(principal: Principal): Promise<Map<string, ListedPrompt>> {
    const servers = await reachableServers(this.deps.directory, principal);
    const listed = await fromEachServer(
      servers,
      async (server) => {
        const { prompts } = await this.deps.directory.prompts(principal.orgId, server.id);
        return prompts.map((prompt) => ({
          serverId: server.id,
          serverSlug: server.slug,
          definition: { ...pick(prompt, PROMPT_KEYS), name: prompt.name } as Prompt,
        }));
      },
      this.deps.log,
    );
    return namespacedNames(listed, (prompt) => prompt.definition.name);
  }
}
