// MCP roots: the directories a manifest grants, offered to a stdio server, which is expected to keep to them.
import type { Client } from '@modelcontextprotocol/client';
import type { ServerTarget } from './transports.js';

/** One root as `roots/list` answers it: a `file://` URI and a display name. */
export interface Root {
  uri: string;
  name: string;
}

/**
 * Declares the `roots` capability and answers `roots/list` with the target's roots; call before `connect`. A
 * target without roots declares nothing, so a server keeps the directories it was started with.
 */
export function offerRoots(client: Client, target: ServerTarget): void {
  const roots = target.transport === 'stdio' ? (target.roots ?? []) : [];
  if (roots.length === 0) return;
  client.registerCapabilities({ roots: {} });
  client.setRequestHandler('roots/list', async () => ({ roots: roots.map((root) => ({ ...root })) }));
}
