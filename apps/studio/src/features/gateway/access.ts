// Which of an organization's servers a token reaches through the gateway: the one rule for tools, resources, prompts.
import { hasPermission, mcpServerPermission } from '../../platform/auth/permissions.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { ServerDirectory } from '../servers/directory.js';
import type { ServerRow } from '../servers/store.js';

/** A VIEWER's token reaches nothing: its role may not use servers. */
export function mayUseTools(principal: Principal): boolean {
  return principal.ability.can('use', 'McpServer');
}

export function mayReachServer(principal: Principal, serverId: string): boolean {
  // Sessions carry no permissions; the route admits API tokens only, so a missing list grants nothing here.
  return hasPermission(principal.permissions ?? [], mcpServerPermission(serverId));
}

/** The enabled servers of the token's organization that it may use. */
export async function reachableServers(
  directory: Pick<ServerDirectory, 'listServers'>,
  principal: Principal,
): Promise<ServerRow[]> {
  if (!mayUseTools(principal)) return [];
  return (await directory.listServers(principal.orgId)).filter(
    (server) => server.enabled && mayReachServer(principal, server.id),
  );
}

export interface GatewayLog {
  warn(details: object, message: string): void;
}

/**
 * What each server offers, concatenated. A server whose catalog was never read and cannot be reached now offers
 * nothing; the others still do.
 */
export async function fromEachServer<T>(
  servers: readonly ServerRow[],
  read: (server: ServerRow) => Promise<T[]>,
  log: GatewayLog,
): Promise<T[]> {
  const lists = await Promise.all(
    servers.map(async (server) => {
      try {
        return await read(server);
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        log.warn({ serverId: server.id, reason }, 'the gateway skipped a server whose catalog is unavailable');
        return [];
      }
    }),
  );
  return lists.flat();
}

/** Copies the keys a gateway client may see, leaving anything else in the studio. */
export function pick<K extends string>(
  source: Record<string, unknown>,
  keys: readonly K[],
): Partial<Record<K, unknown>> {
  const kept: Partial<Record<K, unknown>> = {};
  for (const key of keys) if (source[key] !== undefined) kept[key] = source[key];
  return kept;
}
