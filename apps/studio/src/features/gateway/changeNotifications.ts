// `list_changed` on the gateway: `subscriptions/listen` streams grouped by who may see what, fed from the event bus.
import {
  createMcpHandler,
  type McpHttpHandler,
  type McpServerFactory,
  type ServerNotifier,
} from '@modelcontextprotocol/server';
import { z } from 'zod';
import type { Principal } from '../../platform/auth/principal.js';
import type { EventBus, StudioEvent } from '../../platform/events/bus.js';
import { mayReachServer, mayUseTools } from './access.js';

/**
 * Listeners that may hear of the same changes. The SDK tells a stream's listener nothing of who opened it, so each
 * audience gets a handler (and listen router) of its own, and a change is published only to the audiences it
 * concerns.
 */
export interface Audience {
  /** `token:<id>` at /mcp (permissions differ per token), `virtual:<id>` at /mcp/v/<slug>. */
  key: string;
  orgId: string;
  /** Whether a change on this server can alter what the audience is offered. */
  sees(serverId: string): boolean;
}

/** A token at /mcp hears of the servers it may use. */
export function tokenAudience(principal: Principal): Audience {
  return {
    key: `token:${principal.tokenId ?? principal.userId}`,
    orgId: principal.orgId,
    sees: (serverId) => mayUseTools(principal) && mayReachServer(principal, serverId),
  };
}

/** Everyone at /mcp/v/<slug> sees the same tools: any of the organization's servers may feed them. */
export function virtualAudience(orgId: string, virtualServerId: string): Audience {
  return { key: virtualKey(virtualServerId), orgId, sees: () => true };
}

export interface ChangeNotificationsDeps {
  bus: EventBus;
  /** Builds the server whose capabilities narrow what a listen request is granted. */
  factory: McpServerFactory;
  onerror: (error: Error) => void;
}

interface Group {
  audience: Audience;
  handler: McpHttpHandler;
  /** Listen requests in progress; the group is dropped when the last one ends. */
  streams: number;
}

/** What the gateway shows of a server: a `server_updated` that changes none of it (health, say) changes no list. */
const shownSchema = z.object({
  id: z.string(),
  enabled: z.boolean().optional(),
  slug: z.string().optional(),
  disabledTools: z.array(z.string()).optional(),
});
const idSchema = z.object({ id: z.string() });

export class ChangeNotifications {
  private readonly groups = new Map<string, Group>();
  private readonly shown = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ChangeNotificationsDeps) {
    // Through the bus rather than direct calls, so that a bus shared by replicas reaches their listeners too.
    this.unsubscribe = deps.bus.subscribe((event) => {
      try {
        this.onEvent(event);
      } catch (err) {
        // The publisher is in the middle of its own work (an API request, a refresh); it must not fail for this.
        deps.onerror(err instanceof Error ? err : new Error(String(err)));
      }
    });
  }

  /**
   * The handler to serve one listen request of `audience` with; the stream counts until `signal` aborts (the
   * route aborts it when the HTTP exchange ends, whichever side ends it).
   */
  join(audience: Audience, signal: AbortSignal): McpHttpHandler {
    let group = this.groups.get(audience.key);
    if (!group) {
      group = { audience, handler: createMcpHandler(this.deps.factory, { onerror: this.deps.onerror }), streams: 0 };
      this.groups.set(audience.key, group);
    }
    const joined = group;
    joined.streams += 1;
    const leave = () => {
      joined.streams -= 1;
      if (joined.streams === 0 && this.groups.get(audience.key) === joined) void this.drop(audience.key);
    };
    if (signal.aborted) queueMicrotask(leave);
    else signal.addEventListener('abort', leave, { once: true });
    return joined.handler;
  }

  /** Ends every stream gracefully (the client sees the listen request complete) and stops following the bus. */
  async close(): Promise<void> {
    this.unsubscribe();
    await Promise.all([...this.groups.keys()].map((key) => this.drop(key)));
  }

  private onEvent(event: StudioEvent): void {
    const { orgId } = event;
    if (!orgId) return;
    switch (event.type) {
      case 'server_catalog_changed':
      case 'server_created':
      case 'server_updated':
      case 'server_deleted': {
        const parsed = shownSchema.safeParse(event.data);
        if (parsed.success && this.isShownChanged(event.type, parsed.data)) this.serverChanged(orgId, parsed.data.id);
        return;
      }
      case 'virtual_server_updated': {
        const parsed = idSchema.safeParse(event.data);
        if (parsed.success) this.notifyGroup(this.groups.get(virtualKey(parsed.data.id)));
        return;
      }
      case 'virtual_server_deleted': {
        // Its listeners are told the stream is over; a new listen at the slug gets the endpoint's 404.
        const parsed = idSchema.safeParse(event.data);
        if (parsed.success) void this.drop(virtualKey(parsed.data.id));
        return;
      }
      default:
        return;
    }
  }

  /**
   * Whether the change can alter a list. The catalog's own events always can. An update is compared with the last
   * one seen here; one this process never saw counts as a change, which costs a client one needless re-list.
   */
  private isShownChanged(type: StudioEvent['type'], server: z.infer<typeof shownSchema>): boolean {
    if (type === 'server_deleted') {
      this.shown.delete(server.id);
      return true;
    }
    if (type === 'server_catalog_changed') return true;
    const disabled = server.disabledTools ? [...server.disabledTools].sort() : undefined;
    const shown = JSON.stringify([server.enabled, server.slug, disabled]);
    const isChanged = this.shown.get(server.id) !== shown;
    this.shown.set(server.id, shown);
    return isChanged;
  }

  private serverChanged(orgId: string, serverId: string): void {
    for (const group of this.groups.values()) {
      if (group.audience.orgId === orgId && group.audience.sees(serverId)) this.notifyGroup(group);
    }
  }

  /** Each stream gets the kinds it asked for and its endpoint advertises: a virtual server's, tools only. */
  private notifyGroup(group: Group | undefined): void {
    if (!group) return;
    const notify: ServerNotifier = group.handler.notify;
    notify.toolsChanged();
    notify.resourcesChanged();
    notify.promptsChanged();
  }

  private async drop(key: string): Promise<void> {
    const group = this.groups.get(key);
    if (!group) return;
    this.groups.delete(key);
    await group.handler.close();
  }
}

function virtualKey(virtualServerId: string): string {
  return `virtual:${virtualServerId}`;
}
