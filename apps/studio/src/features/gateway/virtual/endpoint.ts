// Who may use /mcp/v/<slug>, and as whom: the virtual server's scope and the principal its tools are called for.
import { hasPermission, mcpVirtualPermission } from '../../../platform/auth/permissions.js';
import { Principal } from '../../../platform/auth/principal.js';
import type { Db } from '../../../platform/db/database.js';
import { notFound } from '../../../platform/http/errors.js';
import { VirtualScope } from './scope.js';
import { findVirtualServerBySlug } from './store.js';

export interface VirtualEndpoint {
  /** The virtual server's id: its listeners hear of its changes. */
  id: string;
  principal: Principal;
  scope: VirtualScope;
}

/**
 * Resolves a token's request for a virtual server. An unknown slug and one the token may not reach get the same
 * 404, so a token cannot probe for the names of virtual servers it was not given.
 */
export async function virtualEndpoint(db: Db, principal: Principal, slug: string): Promise<VirtualEndpoint> {
  if (!hasPermission(principal.permissions ?? [], mcpVirtualPermission(slug))) throw notFound('Virtual server');
  const row = await findVirtualServerBySlug(db, principal.orgId, slug);
  if (!row) throw notFound('Virtual server');
  // The virtual server was permitted as a whole: behind its scope, its tools need no `mcp:server:<id>` of their own.
  const scoped = new Principal({
    kind: principal.kind,
    userId: principal.userId,
    orgId: principal.orgId,
    role: principal.role,
    ...(principal.tokenId ? { tokenId: principal.tokenId } : {}),
    ...(principal.sessionId ? { sessionId: principal.sessionId } : {}),
    permissions: ['mcp:*'],
  });
  return { id: row.id, principal: scoped, scope: new VirtualScope(row.slug, row) };
}
