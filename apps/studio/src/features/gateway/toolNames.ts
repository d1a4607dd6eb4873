// Names the gateway gives upstream tools and prompts: `<server-slug>__<tool>`, at most 64 characters, unique and stable.
import { createHash } from 'node:crypto';

export const MAX_TOOL_NAME_LENGTH = 64;
export const SEPARATOR = '__';
const HASH_LENGTH = 8;

export interface UpstreamTool {
  serverId: string;
  serverSlug: string;
  tool: string;
}

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, HASH_LENGTH);

/** A name cut to fit, ending in `_<hash of what it stands for>`, so the same tool always gets the same alias. */
function alias(full: string, hashOf: string): string {
  return `${full.slice(0, MAX_TOOL_NAME_LENGTH - HASH_LENGTH - 1)}_${shortHash(hashOf)}`;
}

/**
 * Exposed name → upstream tool. A name up to 64 characters is kept; a longer one becomes its alias. When two
 * tools claim one name, the tool whose (slug, tool, serverId) sorts first keeps it and each other one takes the
 * alias hashed from its server id and tool name, which no listing order can change.
 */
export function exposedToolNames<T extends UpstreamTool>(tools: readonly T[]): Map<string, T> {
  return namespacedNames(tools, (tool) => tool.tool);
}

/** The same naming for anything a server offers by name (tools, prompts): `<server-slug>__<name>`. */
export function namespacedNames<T extends Omit<UpstreamTool, 'tool'>>(
  items: readonly T[],
  nameOf: (item: T) => string,
): Map<string, T> {
  const sorted = [...items].sort(
    (a, b) => compare(a.serverSlug, b.serverSlug) || compare(nameOf(a), nameOf(b)) || compare(a.serverId, b.serverId),
  );
  const names = new Map<string, T>();
  for (const item of sorted) {
    const full = `${item.serverSlug}${SEPARATOR}${nameOf(item)}`;
    const preferred = full.length <= MAX_TOOL_NAME_LENGTH ? full : alias(full, full);
    const name = names.has(preferred) ? alias(full, `${item.serverId}/${nameOf(item)}`) : preferred;
    if (!names.has(name)) names.set(name, item);
  }
  return names;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
