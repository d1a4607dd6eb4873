// The catalog of what each server offers: refreshed from the server (on demand, on reconnect, on its
// list_changed notifications), read from the database by the API, with tools whose definition changed flagged.
import type { CatalogRefreshResult, CatalogToolsList, ServerCatalogChanged } from '@mcp-studio/protocol';
import type { Client } from '@modelcontextprotocol/client';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import type { EventBus } from '../../../platform/events/bus.js';
import { AppError, notFound } from '../../../platform/http/errors.js';
import type { CallScope } from '../manager/session.js';
import { presentServer } from '../present.js';
import { findServer, type ServerRow } from '../store.js';
import { type CatalogKind, planCatalog } from './catalogPlan.js';
import {
  acknowledgeTool,
  type CatalogRow,
  catalogEntries,
  findCatalogEntry,
  findServerById,
  withServerLocked,
  writeCatalog,
} from './catalogStore.js';
import { listEverything } from './listing.js';
import { presentCatalogTool } from './present.js';

export type WithClient = <T>(
  orgId: string,
  serverId: string,
  fn: (client: Client, signal: AbortSignal, scope: CallScope) => Promise<T>,
) => Promise<T>;

export interface CatalogServiceDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  /** Runs `fn` on the server's shared session, with the checks and limits of any other use. */
  withClient: WithClient;
  log: { warn(details: object, message: string): void };
  /** Quiet time before a background refresh, so a burst of notifications makes one refresh. */
  debounceMs?: number;
}

/** A refresh in progress; `isListing` once it talks to the server, so later news needs another refresh. */
interface Flight {
  progress: { isListing: boolean };
  done: Promise<CatalogRefreshResult>;
}

const DEFAULT_DEBOUNCE_MS = 250;

export class CatalogService {
  private readonly flights = new Map<string, Flight>();
  private readonly queued = new Map<string, Promise<CatalogRefreshResult>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly background = new Set<Promise<void>>();
  private isClosed = false;

  constructor(private readonly deps: CatalogServiceDeps) {}

  /** Reads everything from the server and stores it. */
  async refresh(orgId: string, serverId: string): Promise<CatalogRefreshResult> {
    // Checked before joining a refresh in flight, whose result must not reach another organization.
    if (!(await findServer(this.deps.db, orgId, serverId))) throw notFound('MCP server');
    return this.coalesced(orgId, serverId);
  }

  /**
   * A refresh in the background, debounced. After a (re)connect it is skipped when a refresh is about to list
   * anyway: that refresh is usually what connected, and refreshing again would only repeat it.
   */
  refreshSoon(serverId: string, reason: 'connected' | 'list_changed'): void {
    if (this.isClosed) return;
    const flight = this.flights.get(serverId);
    if (reason === 'connected' && flight && !flight.progress.isListing) return;
    clearTimeout(this.timers.get(serverId));
    const timer = setTimeout(() => {
      this.timers.delete(serverId);
      const work = this.refreshInBackground(serverId).finally(() => this.background.delete(work));
      this.background.add(work);
    }, this.deps.debounceMs ?? DEFAULT_DEBOUNCE_MS);
    timer.unref();
    this.timers.set(serverId, timer);
  }

  async tools(orgId: string, serverId: string): Promise<CatalogToolsList> {
    const server = await this.listedServer(orgId, serverId);
    const rows = await catalogEntries(this.deps.db, serverId, 'tool');
    return {
      tools: rows.map((row) => presentCatalogTool(row, server.disabledTools)),
      refreshedAt: server.catalogRefreshedAt?.toISOString() ?? null,
    };
  }

  async resources(orgId: string, serverId: string) {
    await this.listedServer(orgId, serverId);
    const rows = await catalogEntries(this.deps.db, serverId);
    return {
      resources: definitionsOf(rows, 'resource'),
      resourceTemplates: definitionsOf(rows, 'resource_template'),
    };
  }

  async prompts(orgId: string, serverId: string) {
    await this.listedServer(orgId, serverId);
    const rows = await catalogEntries(this.deps.db, serverId, 'prompt');
    return { prompts: rows.map((row) => ({ ...row.definition, name: row.name })) };
  }

  /**
   * The tool as last listed, refreshing once when it is not known yet; 404 `tool_not_found` if still absent.
   * The caller has checked the organization.
   */
  async toolFor(orgId: string, serverId: string, name: string): Promise<CatalogRow> {
    const known = await findCatalogEntry(this.deps.db, serverId, 'tool', name);
    if (known) return known;
    await this.coalesced(orgId, serverId);
    const found = await findCatalogEntry(this.deps.db, serverId, 'tool', name);
    if (!found) throw new AppError('tool_not_found', 404, `The MCP server has no tool named ${name}`);
    return found;
  }

  /** Trusts a changed tool's current version: clears its flag and the earlier version. */
  /** Trusts a changed tool as it is now; open dashboards hear of it as a catalog change with nothing changed. */
  async acknowledge(orgId: string, serverId: string, name: string): Promise<void> {
    const server = await findServer(this.deps.db, orgId, serverId);
    if (!server) throw notFound('MCP server');
    if (!(await acknowledgeTool(this.deps.db, serverId, name))) throw notFound('Tool');
    const data: ServerCatalogChanged = {
      id: serverId,
      refreshedAt: (server.catalogRefreshedAt ?? this.deps.clock.now()).toISOString(),
      counts: countsOf(await catalogEntries(this.deps.db, serverId)),
      changedTools: [],
    };
    this.publish('server_catalog_changed', orgId, data);
  }

  /** Stops background refreshes and waits for those running; call after the connections are closed. */
  async close(): Promise<void> {
    this.isClosed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await Promise.all(this.background);
  }

  /**
   * Joins a refresh that has not reached the server yet; one asked for while another is already listing runs
   * after it, so news that arrived meanwhile is not missed. The caller has checked the organization.
   */
  private coalesced(orgId: string, serverId: string): Promise<CatalogRefreshResult> {
    const current = this.flights.get(serverId);
    if (!current) return this.start(orgId, serverId);
    if (!current.progress.isListing) return current.done;
    let next = this.queued.get(serverId);
    if (!next) {
      next = current.done
        .catch(() => undefined)
        .then(() => {
          this.queued.delete(serverId);
          return this.coalesced(orgId, serverId);
        });
      this.queued.set(serverId, next);
    }
    return next;
  }

  private start(orgId: string, serverId: string): Promise<CatalogRefreshResult> {
    const progress = { isListing: false };
    const done = this.run(orgId, serverId, progress).finally(() => {
      if (this.flights.get(serverId)?.done === done) this.flights.delete(serverId);
    });
    this.flights.set(serverId, { progress, done });
    return done;
  }

  private async run(orgId: string, serverId: string, progress: Flight['progress']): Promise<CatalogRefreshResult> {
    const listing = await this.deps.withClient(orgId, serverId, (client, signal, { timeoutMs }) => {
      progress.isListing = true;
      return listEverything(client, signal, timeoutMs);
    });
    const now = this.deps.clock.now();
    const written = await withServerLocked(this.deps.db, orgId, serverId, async (tx, before) => {
      const plan = planCatalog(await catalogEntries(tx, serverId), listing, now);
      return { plan, before, after: await writeCatalog(tx, before, plan, now) };
    });
    if (!written?.after) throw notFound('MCP server');
    const { plan, before, after } = written;
    // Counted as stored (nameless and repeated entries are dropped), so they match what the API serves.
    const result: CatalogRefreshResult = {
      refreshedAt: now.toISOString(),
      counts: countsOf(plan.entries),
      changedTools: plan.changedTools,
    };
    if (plan.isChanged) {
      const data: ServerCatalogChanged = { id: serverId, ...result };
      this.publish('server_catalog_changed', orgId, data);
    }
    if (after.toolCount !== before.toolCount) this.publish('server_updated', orgId, presentServer(after));
    return result;
  }

  private async refreshInBackground(serverId: string): Promise<void> {
    try {
      const server = await findServerById(this.deps.db, serverId);
      if (!server?.enabled || this.isClosed) return;
      await this.coalesced(server.orgId, serverId);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      this.deps.log.warn({ serverId, reason }, 'refreshing the catalog of an MCP server failed');
    }
  }

  /** The registration, after a first refresh if its catalog was never read. */
  private async listedServer(orgId: string, serverId: string): Promise<ServerRow> {
    const server = await findServer(this.deps.db, orgId, serverId);
    if (!server) throw notFound('MCP server');
    if (server.catalogRefreshedAt) return server;
    await this.coalesced(orgId, serverId);
    const refreshed = await findServer(this.deps.db, orgId, serverId);
    if (!refreshed) throw notFound('MCP server');
    return refreshed;
  }

  private publish(type: 'server_catalog_changed' | 'server_updated', orgId: string, data: unknown): void {
    this.deps.bus.publish({ topic: 'servers', type, orgId, data, access: { action: 'read', subject: 'McpServer' } });
  }
}

function definitionsOf(rows: CatalogRow[], kind: 'resource' | 'resource_template') {
  return rows.filter((row) => row.kind === kind).map((row) => row.definition);
}

function countsOf(entries: readonly { kind: string }[]): CatalogRefreshResult['counts'] {
  const count = (kind: CatalogKind) => entries.filter((entry) => entry.kind === kind).length;
  return {
    tools: count('tool'),
    resources: count('resource'),
    resourceTemplates: count('resource_template'),
    prompts: count('prompt'),
  };
}
