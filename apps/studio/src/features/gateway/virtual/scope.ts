// A virtual server's view of the gateway: its explicit tools (under their aliases) plus the include/exclude globs.
import type { VirtualServerTool } from '@mcp-studio/protocol';
import type { GatewayScope } from '../service.js';
import type { UpstreamTool } from '../toolNames.js';

/** `*` is any run of characters, `?` one character; everything else is literal and the whole name must match. */
export function globToRegExp(pattern: string): RegExp {
  const source = [...pattern]
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 's');
}

export interface VirtualSelection {
  tools: readonly VirtualServerTool[];
  include: readonly string[];
  exclude: readonly string[];
}

export class VirtualScope implements GatewayScope {
  private readonly include: RegExp[];
  private readonly exclude: RegExp[];

  constructor(
    readonly slug: string,
    private readonly selection: VirtualSelection,
  ) {
    this.include = selection.include.map(globToRegExp);
    this.exclude = selection.exclude.map(globToRegExp);
  }

  /**
   * Explicit tools come first, in their listed order, under their alias or usual name; then the matches of the
   * globs in name order. A tool appears once, and a name already taken is not given to a second tool, so the
   * first claim wins and the result does not depend on catalog order. Tools no longer offered are left out.
   */
  select<T extends UpstreamTool>(exposed: ReadonlyMap<string, T>): Map<string, T> {
    const selected = new Map<string, T>();
    const chosen = new Set<T>();
    const claim = (name: string, tool: T) => {
      if (selected.has(name) || chosen.has(tool)) return;
      selected.set(name, tool);
      chosen.add(tool);
    };
    for (const wanted of this.selection.tools) {
      for (const [name, tool] of exposed) {
        if (tool.serverId === wanted.serverId && tool.tool === wanted.tool) claim(wanted.alias ?? name, tool);
      }
    }
    if (this.include.length > 0) {
      const byName = [...exposed].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      for (const [name, tool] of byName) {
        if (this.include.some((re) => re.test(name)) && !this.exclude.some((re) => re.test(name))) claim(name, tool);
      }
    }
    return selected;
  }
}
