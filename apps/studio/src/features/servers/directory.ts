// Registrations and catalogs on the hot path of calls (the gateway, the proxy, the REST call endpoint), kept per
// organization in this process: read from the database once, then served from memory until an event says they
// changed.
import type { EventBus, StudioEvent } from '../../platform/events/bus.js';
import type { CatalogService } from './discovery/catalogService.js';
import type { ServerRow } from './store.js';

type Catalog = Pick<CatalogService, 'tools' | 'resources' | 'prompts'>;
type Listing<K extends keyof Catalog> = Awaited<ReturnType<Catalog[K]>>;

export interface ServerDirectoryDeps {
  catalog: Catalog;
  listServers: (orgId: string) => Promise<ServerRow[]>;
  bus: EventBus;
  now: () => number;
  /**
   * How long an entry is trusted without an event. Events reach this process at once; the age bound covers
   * changes made by another studio process until a shared event bus carries them.
   */
  maxAgeMs: number;
}

/** The events after which an organization's listing may differ. */
const CHANGES = new Set<StudioEvent['type']>([
  'server_created',
  'server_updated',
  'server_deleted',
  'server_catalog_changed',
]);

interface OrgEntry {
  at: number;
  servers: Promise<ServerRow[]>;
  listings: Map<string, Promise<unknown>>;
}

export class ServerDirectory implements Catalog {
  private readonly orgs = new Map<string, OrgEntry>();
  private readonly unsubscribe: () => void;

  constructor(private readonly deps: ServerDirectoryDeps) {
    this.unsubscribe = deps.bus.subscribe((event) => {
      if (event.orgId && CHANGES.has(event.type)) this.orgs.delete(event.orgId);
    });
  }

  listServers(orgId: string): Promise<ServerRow[]> {
    return this.entry(orgId).servers;
  }

  /** One registration of the organization, or undefined when it has none by that id. */
  async server(orgId: string, serverId: string): Promise<ServerRow | undefined> {
    const servers = await this.listServers(orgId);
    return servers.find((server) => server.id === serverId);
  }

  tools(orgId: string, serverId: string): Promise<Listing<'tools'>> {
    return this.listing(orgId, serverId, 'tools');
  }

  resources(orgId: string, serverId: string): Promise<Listing<'resources'>> {
    return this.listing(orgId, serverId, 'resources');
  }

  prompts(orgId: string, serverId: string): Promise<Listing<'prompts'>> {
    return this.listing(orgId, serverId, 'prompts');
  }

  close(): void {
    this.unsubscribe();
    this.orgs.clear();
  }

  private listing<K extends keyof Catalog>(orgId: string, serverId: string, kind: K): Promise<Listing<K>> {
    const entry = this.entry(orgId);
    const key = `${kind}:${serverId}`;
    let listing = entry.listings.get(key) as Promise<Listing<K>> | undefined;
    if (!listing) {
      listing = this.deps.catalog[kind](orgId, serverId) as Promise<Listing<K>>;
      entry.listings.set(key, listing);
      // A failed read (server unreachable before its first listing) is not remembered: the next request tries again.
      listing.catch(() => {
        if (entry.listings.get(key) === listing) entry.listings.delete(key);
      });
    }
    return listing;
  }

  private entry(orgId: string): OrgEntry {
    const now = this.deps.now();
    const cached = this.orgs.get(orgId);
    if (cached && now - cached.at < this.deps.maxAgeMs) return cached;
    // Awaited once into a real promise: a query builder would run its query again at every `await`.
    const servers = Promise.resolve().then(() => this.deps.listServers(orgId));
    const entry: OrgEntry = { at: now, servers, listings: new Map() };
    servers.catch(() => {
      if (this.orgs.get(orgId) === entry) this.orgs.delete(orgId);
    });
    this.orgs.set(orgId, entry);
    return entry;
  }
}
