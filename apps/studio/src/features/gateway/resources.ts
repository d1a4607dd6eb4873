// Resources and resource templates through the gateway: listed under namespaced URIs, read back from their server.
import type {
  ReadResourceResult,
  Resource,
  ResourceTemplateType as ResourceTemplate,
} from '@modelcontextprotocol/server';
import type { Principal } from '../../platform/auth/principal.js';
import type { ServerDirectory } from '../servers/directory.js';
import type { MeteredCallOptions, ServerCalls } from '../servers/serverCalls.js';
import type { ServerRow } from '../servers/store.js';
import type { Metering } from '../usage/metering.js';
import { fromEachServer, type GatewayLog, pick, reachableServers } from './access.js';
import { namespacedResourceUri, namespacedUriTemplate, parseNamespacedUri } from './resourceUris.js';

export interface GatewayResourcesDeps {
  /** Servers and catalogs, as the gateway lists them. */
  directory: Pick<ServerDirectory, 'listServers' | 'resources'>;
  calls: Pick<ServerCalls, 'readResource'>;
  metering: Pick<Metering, 'denied'>;
  log: GatewayLog;
}

/** The URI names no server this token may read (unknown, disabled, or not permitted: the caller cannot tell). */
export class UnknownResourceError extends Error {
  constructor(uri: string) {
    super(`Resource not found: ${uri}`);
    this.name = 'UnknownResourceError';
  }
}

const RESOURCE_KEYS = ['name', 'title', 'description', 'mimeType', 'size', 'annotations'] as const;
const TEMPLATE_KEYS = ['name', 'title', 'description', 'mimeType', 'annotations'] as const;

export class GatewayResources {
  constructor(private readonly deps: GatewayResourcesDeps) {}

  async listResources(principal: Principal): Promise<Resource[]> {
    const servers = await reachableServers(this.deps.directory, principal);
    return fromEachServer(
      servers,
      async (server) => {
        const { resources } = await this.deps.directory.resources(principal.orgId, server.id);
        return resources.flatMap((resource) => {
          const uri = resource.uri;
          if (typeof uri !== 'string') return [];
          return [{ ...pick(resource, RESOURCE_KEYS), uri: namespacedResourceUri(server.slug, uri) } as Resource];
        });
      },
      this.deps.log,
    );
  }

  async listResourceTemplates(principal: Principal): Promise<ResourceTemplate[]> {
    const servers = await reachableServers(this.deps.directory, principal);
    return fromEachServer(
      servers,
      async (server) => {
        const { resourceTemplates } = await this.deps.directory.resources(principal.orgId, server.id);
        return resourceTemplates.flatMap((template) => {
          const uriTemplate = template.uriTemplate;
          if (typeof uriTemplate !== 'string') return [];
          const namespaced = namespacedUriTemplate(server.slug, uriTemplate);
          return [{ ...pick(template, TEMPLATE_KEYS), uriTemplate: namespaced } as ResourceTemplate];
        });
      },
      this.deps.log,
    );
  }

  /**
   * Reads through the server's shared session. Any URI under a reachable server's slug is passed on, listed or
   * not, since templates expand to URIs no list names; the server itself says whether it exists.
   */
  async readResource(principal: Principal, uri: string, options: MeteredCallOptions = {}): Promise<ReadResourceResult> {
    const target = await this.resolve(principal, uri);
    if (!target) {
      const refused = { principal, method: 'resources/read', serverId: null, tool: uri, input: { uri } } as const;
      this.deps.metering.denied({ ...refused, requestId: options.requestId ?? '' }, 'unknown_resource');
      throw new UnknownResourceError(uri);
    }
    const { server } = target;
    const result = await this.deps.calls.readResource(principal, server.id, target.uri, options);
    // The contents name upstream URIs; the client knows them only in namespaced form.
    const contents = result.contents.map((content) => ({
      ...content,
      uri: content.uri === target.uri ? uri : namespacedResourceUri(server.slug, content.uri),
    }));
    return { ...result, contents } as ReadResourceResult;
  }

  /** The server and upstream URI behind a namespaced URI, if this token may read it. */
  async resolve(principal: Principal, uri: string): Promise<{ server: ServerRow; uri: string } | undefined> {
    const target = parseNamespacedUri(uri);
    if (!target) return undefined;
    const server = (await reachableServers(this.deps.directory, principal)).find((s) => s.slug === target.serverSlug);
    return server && { server, uri: target.uri };
  }
}
