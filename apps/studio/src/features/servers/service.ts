// MCP server registrations: validated, URL-policed, their secrets in the vault; ADMINs write, everyone reads.
import { randomUUID } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import {
  type ConnectionTestResult,
  type CreateServerBody,
  createServerBodySchema,
  type EventType,
  type McpServer,
  type UpdateServerBody,
} from '@mcp-studio/protocol';
import slugify from '@sindresorhus/slugify';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import { recordOutcome } from './health/record.js';
import { presentServer } from './present.js';
import { columnsOf, inputOf, previousSecrets, slotsOf } from './registration.js';
import type { ServerSecrets } from './secrets.js';
import * as store from './store.js';
import { assertUrlAllowed, type UrlCheck } from './target.js';

export interface ServerServiceDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  secrets: ServerSecrets;
  checkUrl: UrlCheck;
  maxPerOrg: number;
  /** Told after a registration changed or went, so its open connection can be ended. */
  onChanged?: (serverId: string) => Promise<void>;
}

export class ServerService {
  constructor(private readonly deps: ServerServiceDeps) {}

  async list(principal: Principal): Promise<McpServer[]> {
    return (await store.listServers(this.deps.db, principal.orgId)).map(presentServer);
  }

  async get(principal: Principal, id: string): Promise<McpServer> {
    return presentServer(await this.find(principal, id));
  }

  async create(principal: Principal, body: CreateServerBody, ip: string | null): Promise<McpServer> {
    if ((await store.countServers(this.deps.db, principal.orgId)) >= this.deps.maxPerOrg) {
      throw conflict('server_limit_reached', `An organization may register at most ${this.deps.maxPerOrg} MCP servers`);
    }
    await this.assertUrlAllowed(body);
    const slug = await this.freeSlug(principal.orgId, body.name);
    const secrets = await this.deps.secrets.resolve(
      principal,
      { slug, name: body.name },
      slotsOf(body),
      { ids: new Map(), owned: [] },
      ip,
    );
    const now = this.deps.clock.now();
    try {
      const row = await store.insertServer(this.deps.db, {
        id: randomUUID(),
        orgId: principal.orgId,
        slug,
        ...columnsOf(body, secrets.ids),
        ownedCredentialIds: secrets.owned,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      return this.publish('server_created', row);
    } catch (err) {
      await this.deps.secrets.release(principal, secrets.owned, ip);
      if (isUniqueViolation(err)) throw conflict('server_name_taken', 'An MCP server with this name already exists');
      throw err;
    }
  }

  /** Merges the change onto the registration and checks the result as a whole, as a new registration would be. */
  async update(principal: Principal, id: string, body: UpdateServerBody, ip: string | null): Promise<McpServer> {
    const row = await this.find(principal, id);
    const current = inputOf(row);
    const transportChanged = body.transport !== undefined && body.transport !== current.transport;
    // A deny list that silently lapsed would enable tools nobody chose to allow, so disabledTools stays too.
    const base = transportChanged
      ? {
          name: current.name,
          description: current.description,
          tags: current.tags,
          enabled: current.enabled,
          disabledTools: current.disabledTools,
        }
      : current;
    // `null` clears an optional text field: the merged registration simply lacks it.
    const combined = Object.fromEntries(Object.entries({ ...base, ...body }).filter(([, value]) => value !== null));
    const parsed = createServerBodySchema.safeParse(combined);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
      throw new AppError(
        'validation_failed',
        400,
        `Invalid change: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    }
    // A changed manifest is approved anew: the server is disabled unless this same change enables it.
    const manifestChanged =
      body.manifest !== undefined && !isDeepStrictEqual(parsed.data.manifest ?? null, current.manifest ?? null);
    const merged = manifestChanged && body.enabled === undefined ? { ...parsed.data, enabled: false } : parsed.data;
    if (body.url !== undefined || transportChanged) await this.assertUrlAllowed(merged);
    const secrets = await this.deps.secrets.resolve(principal, row, slotsOf(merged), previousSecrets(row), ip);
    try {
      const updated = await store.updateServer(this.deps.db, row.orgId, row.id, {
        ...columnsOf(merged, secrets.ids),
        ownedCredentialIds: secrets.owned,
        updatedAt: this.deps.clock.now(),
      });
      if (!updated) throw notFound('MCP server');
      const dropped = row.ownedCredentialIds.filter((c) => !secrets.owned.includes(c));
      await this.deps.secrets.release(principal, dropped, ip);
      // Told before the session closes: calls take the registration from memory, which this event refreshes.
      const server = this.publish('server_updated', updated);
      await this.deps.onChanged?.(row.id);
      return server;
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('server_name_taken', 'An MCP server with this name already exists');
      throw err;
    }
  }

  async delete(principal: Principal, id: string, ip: string | null): Promise<void> {
    const row = await this.find(principal, id);
    await store.deleteServer(this.deps.db, row.orgId, row.id);
    this.deps.bus.publish({
      topic: 'servers',
      type: 'server_deleted',
      orgId: row.orgId,
      data: { id: row.id },
      access: { action: 'read', subject: 'McpServer' },
    });
    await this.deps.onChanged?.(row.id);
    await this.deps.secrets.release(principal, row.ownedCredentialIds, ip);
  }

  /**
   * Records what a connection test saw by the health checks' rule: a success makes the server `healthy` and
   * resets the failure count; a failure counts as one, `down` at three in a row. Its latency covers the whole
   * handshake and listing, so it is not judged slow.
   */
  async recordCheck(principal: Principal, id: string, result: ConnectionTestResult): Promise<void> {
    const row = await this.find(principal, id);
    const outcome = result.ok
      ? { ok: true, isSlow: false, latencyMs: result.latencyMs, error: null }
      : { ok: false, isSlow: false, latencyMs: null, error: `${result.reason}: ${result.message}`.slice(0, 2000) };
    await recordOutcome(
      this.deps,
      row.id,
      { ...outcome, checkedAt: this.deps.clock.now() },
      {
        keepHistory: false,
        requireEnabled: false,
        alwaysAnnounce: true,
        ...(result.ok ? { columns: { toolCount: result.counts.tools } } : {}),
      },
    );
  }

  private async find(principal: Principal, id: string): Promise<store.ServerRow> {
    const row = await store.findServer(this.deps.db, principal.orgId, id);
    if (!row) throw notFound('MCP server');
    return row;
  }

  private async assertUrlAllowed(body: CreateServerBody): Promise<void> {
    if (body.transport !== 'stdio' && body.url) await assertUrlAllowed(this.deps.checkUrl, body.url);
  }

  private async freeSlug(orgId: string, name: string): Promise<string> {
    const base = slugify(name, { decamelize: false }).slice(0, 40) || 'server';
    const taken = new Set(await store.slugsLike(this.deps.db, orgId, base));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private publish(type: EventType, row: store.ServerRow): McpServer {
    const server = presentServer(row);
    this.deps.bus.publish({
      topic: 'servers',
      type,
      orgId: row.orgId,
      data: server,
      access: { action: 'read', subject: 'McpServer' },
    });
    return server;
  }
}
