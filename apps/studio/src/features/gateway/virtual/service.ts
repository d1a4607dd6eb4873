// Virtual servers: named subsets of an organization's tools. ADMINs write them, every member reads them.
import { randomUUID } from 'node:crypto';
import type {
  CreateVirtualServerBody,
  EventType,
  UpdateVirtualServerBody,
  VirtualServer,
  VirtualServerTool,
} from '@mcp-studio/protocol';
import slugify from '@sindresorhus/slugify';
import type { Principal } from '../../../platform/auth/principal.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/database.js';
import { isUniqueViolation } from '../../../platform/db/errors.js';
import type { EventBus } from '../../../platform/events/bus.js';
import { AppError, conflict, notFound } from '../../../platform/http/errors.js';
import { listServers } from '../../servers/store.js';
import * as store from './store.js';

export interface VirtualServerServiceDeps {
  db: Db;
  clock: Clock;
  /** Announces changes: dashboards follow them, and the gateway tells clients listening at /mcp/v/<slug>. */
  bus: EventBus;
}

const SLUG_MAX_LENGTH = 40;

export class VirtualServerService {
  constructor(private readonly deps: VirtualServerServiceDeps) {}

  async list(principal: Principal): Promise<VirtualServer[]> {
    return (await store.listVirtualServers(this.deps.db, principal.orgId)).map(presentVirtualServer);
  }

  async get(principal: Principal, id: string): Promise<VirtualServer> {
    return presentVirtualServer(await this.find(principal, id));
  }

  async create(principal: Principal, body: CreateVirtualServerBody): Promise<VirtualServer> {
    await this.assertServersKnown(principal.orgId, body.tools);
    const now = this.deps.clock.now();
    const created = await this.saving(async () =>
      store.insertVirtualServer(this.deps.db, {
        id: randomUUID(),
        orgId: principal.orgId,
        name: body.name,
        slug: body.slug ?? slugFrom(body.name),
        description: body.description ?? null,
        tools: body.tools,
        include: body.include ?? [],
        exclude: body.exclude ?? [],
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      }),
    );
    this.publish('virtual_server_created', principal.orgId, created);
    return created;
  }

  async update(principal: Principal, id: string, body: UpdateVirtualServerBody): Promise<VirtualServer> {
    const row = await this.find(principal, id);
    if (body.tools) await this.assertServersKnown(principal.orgId, body.tools);
    const updated = await this.saving(async () => {
      const changed = await store.updateVirtualServer(this.deps.db, row.orgId, row.id, {
        ...body,
        updatedAt: this.deps.clock.now(),
      });
      if (!changed) throw notFound('Virtual server');
      return changed;
    });
    this.publish('virtual_server_updated', row.orgId, updated);
    return updated;
  }

  async delete(principal: Principal, id: string): Promise<void> {
    if (!(await store.deleteVirtualServer(this.deps.db, principal.orgId, id))) throw notFound('Virtual server');
    this.publish('virtual_server_deleted', principal.orgId, { id });
  }

  private async find(principal: Principal, id: string): Promise<store.VirtualServerRow> {
    const row = await store.findVirtualServer(this.deps.db, principal.orgId, id);
    if (!row) throw notFound('Virtual server');
    return row;
  }

  private publish(type: EventType, orgId: string, data: { id: string }): void {
    this.deps.bus.publish({ topic: 'servers', type, orgId, data, access: { action: 'read', subject: 'McpServer' } });
  }

  private async saving(write: () => Promise<store.VirtualServerRow>): Promise<VirtualServer> {
    try {
      return presentVirtualServer(await write());
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('virtual_server_slug_taken', 'A virtual server with this slug exists');
      throw err;
    }
  }

  /** Another organization's server ids are as unknown here as ids that never existed. */
  private async assertServersKnown(orgId: string, tools: readonly VirtualServerTool[]): Promise<void> {
    const known = new Set((await listServers(this.deps.db, orgId)).map((server) => server.id));
    const unknown = tools.flatMap((tool, index) => (known.has(tool.serverId) ? [] : [index]));
    if (unknown.length === 0) return;
    const details = unknown.map((index) => ({ path: `tools.${index}.serverId`, message: 'Unknown MCP server' }));
    throw new AppError(
      'validation_failed',
      400,
      `Unknown MCP server in ${details.map((d) => d.path).join(', ')}`,
      details,
    );
  }
}

function slugFrom(name: string): string {
  return slugify(name, { decamelize: false }).slice(0, SLUG_MAX_LENGTH).replace(/-+$/, '') || 'virtual';
}

export function presentVirtualServer(row: store.VirtualServerRow): VirtualServer {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    description: row.description,
    tools: row.tools,
    include: row.include,
    exclude: row.exclude,
    createdBy: row.createdBy,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
