// API token permissions (scopes): which areas and actions a token may use, on top of its owner's role.
import type { Action, Subject } from './abilities.js';

const AREA: Record<Exclude<Subject, 'all'>, string> = {
  Organization: 'org',
  Member: 'members',
  Invitation: 'members',
  ApiToken: 'tokens',
  Credential: 'credentials',
  McpServer: 'servers',
  Usage: 'usage',
  AgentServer: 'agent-servers',
};

/** `read`, `reveal` and `use` are their own scopes; every other action needs `<area>:write`. */
function scopeAction(action: Action): string {
  return action === 'read' || action === 'reveal' || action === 'use' ? action : 'write';
}

export function requiredPermission(action: Action, subject: Exclude<Subject, 'all'>): string {
  return `${AREA[subject]}:${scopeAction(action)}`;
}

/** What a token needs to reach one MCP server through the gateway; `mcp:*` and `*` include it. */
export function mcpServerPermission(serverId: string): string {
  return `mcp:server:${serverId}`;
}

/** What a token needs to reach one virtual server at `/mcp/v/<slug>`; `mcp:*` and `*` include it. */
export function mcpVirtualPermission(slug: string): string {
  return `mcp:virtual:${slug}`;
}

/** `*` grants everything, `area:*` everything in an area, `area:action` one action. */
export function hasPermission(granted: readonly string[], needed: string): boolean {
  if (granted.includes('*') || granted.includes(needed)) return true;
  const [area] = needed.split(':');
  return granted.includes(`${area}:*`);
}
