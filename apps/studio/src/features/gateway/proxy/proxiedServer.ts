// Which registered server a token reaches through the per-server proxy: one of its organization's, enabled, and
// within the token's permissions. Anything else is the same "not found", so ids of other servers do not leak.
import { idSchema } from '@mcp-studio/protocol';
import type { Principal } from '../../../platform/auth/principal.js';
import type { ServerDirectory } from '../../servers/directory.js';
import type { ServerRow } from '../../servers/store.js';
import { mayReachServer, mayUseTools } from '../access.js';

export async function proxiedServer(
  directory: Pick<ServerDirectory, 'server'>,
  principal: Principal,
  serverId: string,
): Promise<ServerRow | undefined> {
  if (!idSchema.safeParse(serverId).success) return undefined;
  if (!mayUseTools(principal) || !mayReachServer(principal, serverId)) return undefined;
  const server = await directory.server(principal.orgId, serverId);
  return server?.enabled ? server : undefined;
}
