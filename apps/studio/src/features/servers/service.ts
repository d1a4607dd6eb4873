// MCP server registrations: validated, URL-policed, their secrets in the vault; ADMINs write, everyone reads.
import { randomUUID } from 'node:crypto';
import {
  type CreateServerBody,
  createServerBodySchema,
  type EventType,
  type McpServer,
  type ServerAuth,
  type ServerAuthInput,
  type UpdateServerBody,
} from '@mcp-studio/protocol';
import slugify from '@sindresorhus/slugify';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import { AppError, conflict, notFound } from '../../platform/http/errors.js';
import { presentServer } from './present.js';
import type { SecretSlot, ServerSecrets } from './secrets.js';
import * as store from './store.js';

/** Whether the studio may connect to a URL; the rule and message explain a refusal. */
export type UrlCheck = (url: string) => Promise<{ ok: true } | { ok: false; rule: string; message: string }>;

export interface ServerServiceDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  secrets: ServerSecrets;
  checkUrl: UrlCheck;
  maxPerOrg: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_CONCURRENCY = 8;

/** The secrets of a registration, each named by where it is used. */
function slotsOf(body: CreateServerBody): SecretSlot[] {
  const slots: SecretSlot[] = [];
  const auth = body.auth;
  if (auth?.type === 'bearer') slots.push({ key: 'auth.token', type: 'token', input: auth.token });
  if (auth?.type === 'api_key') slots.push({ key: 'auth.value', type: 'api_key', input: auth.value });
  if (auth?.type === 'basic') slots.push({ key: 'auth.password', type: 'password', input: auth.password });
  if (auth?.type === 'mtls') {
    slots.push({ key: 'auth.certificate', type: 'certificate', input: auth.certificate });
    slots.push({ key: 'auth.privateKey', type: 'secret', input: auth.privateKey });
    if (auth.ca) slots.push({ key: 'auth.ca', type: 'certificate', input: auth.ca });
  }
  for (const [name, input] of Object.entries(body.secretEnv ?? {}))
    slots.push({ key: `env.${name}`, type: 'secret', input });
  for (const [name, input] of Object.entries(body.secretHeaders ?? {})) {
    slots.push({ key: `header.${name}`, type: 'secret', input });
  }
  return slots;
}

/** The stored form of the authentication: its shape and credential ids. */
function storedAuth(auth: CreateServerBody['auth'], ids: Map<string, string>): ServerAuth {
  const id = (key: string) => ids.get(key)!;
  switch (auth?.type) {
    case undefined:
    case 'none':
      return { type: 'none' };
    case 'bearer':
      return { type: 'bearer', credentialId: id('auth.token') };
    case 'api_key':
      return { type: 'api_key', in: auth.in ?? 'header', name: auth.name, credentialId: id('auth.value') };
    case 'basic':
      return { type: 'basic', username: auth.username, credentialId: id('auth.password') };
    case 'mtls':
      return {
        type: 'mtls',
        certificateCredentialId: id('auth.certificate'),
        privateKeyCredentialId: id('auth.privateKey'),
        caCredentialId: ids.get('auth.ca') ?? null,
      };
  }
}

/** A stored registration as an input, secrets as references, so a change can be merged onto it and re-checked. */
function inputOf(row: store.ServerRow): CreateServerBody {
  const server = presentServer(row);
  const ref = (credentialId: string) => ({ credentialId });
  const auth: ServerAuthInput = (() => {
    const a = server.auth;
    switch (a.type) {
      case 'none':
        return { type: 'none' };
      case 'bearer':
        return { type: 'bearer', token: ref(a.credentialId) };
      case 'api_key':
        return { type: 'api_key', in: a.in, name: a.name, value: ref(a.credentialId) };
      case 'basic':
        return { type: 'basic', username: a.username, password: ref(a.credentialId) };
      case 'mtls':
        return {
          type: 'mtls',
          certificate: ref(a.certificateCredentialId),
          privateKey: ref(a.privateKeyCredentialId),
          ...(a.caCredentialId ? { ca: ref(a.caCredentialId) } : {}),
        };
    }
  })();
  const isStdio = server.transport === 'stdio';
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    name: server.name,
    description: optional(server.description),
    transport: server.transport,
    ...(isStdio
      ? {
          command: optional(server.command),
          args: server.args,
          env: server.env,
          secretEnv: server.secretEnv,
          cwd: optional(server.cwd),
          manifest: server.manifest,
        }
      : { url: optional(server.url), headers: server.headers, secretHeaders: server.secretHeaders }),
    auth,
    tags: server.tags,
    enabled: server.enabled,
    timeoutMs: server.timeoutMs,
    maxConcurrency: server.maxConcurrency,
  };
}

function previousSecrets(row: store.ServerRow) {
  const ids = new Map<string, string>();
  for (const slot of slotsOf(inputOf(row))) {
    if (typeof slot.input !== 'string') ids.set(slot.key, slot.input.credentialId);
  }
  return { ids, owned: row.ownedCredentialIds };
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
        ...this.columnsOf(body, secrets.ids),
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
    const base = transportChanged
      ? { name: current.name, description: current.description, tags: current.tags, enabled: current.enabled }
      : current;
    const parsed = createServerBodySchema.safeParse({ ...base, ...body });
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(root)', message: i.message }));
      throw new AppError(
        'validation_failed',
        400,
        `Invalid change: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
        details,
      );
    }
    const merged = parsed.data;
    if (body.url !== undefined || transportChanged) await this.assertUrlAllowed(merged);
    const secrets = await this.deps.secrets.resolve(principal, row, slotsOf(merged), previousSecrets(row), ip);
    try {
      const updated = await store.updateServer(this.deps.db, row.orgId, row.id, {
        ...this.columnsOf(merged, secrets.ids),
        ownedCredentialIds: secrets.owned,
        updatedAt: this.deps.clock.now(),
      });
      if (!updated) throw notFound('MCP server');
      const dropped = row.ownedCredentialIds.filter((c) => !secrets.owned.includes(c));
      await this.deps.secrets.release(principal, dropped, ip);
      return this.publish('server_updated', updated);
    } catch (err) {
      if (isUniqueViolation(err)) throw conflict('server_name_taken', 'An MCP server with this name already exists');
      throw err;
    }
  }

  async delete(principal: Principal, id: string, ip: string | null): Promise<void> {
    const row = await this.find(principal, id);
    await store.deleteServer(this.deps.db, row.orgId, row.id);
    await this.deps.secrets.release(principal, row.ownedCredentialIds, ip);
    this.deps.bus.publish({
      topic: 'servers',
      type: 'server_deleted',
      orgId: row.orgId,
      data: { id: row.id },
      access: { action: 'read', subject: 'McpServer' },
    });
  }

  private async find(principal: Principal, id: string): Promise<store.ServerRow> {
    const row = await store.findServer(this.deps.db, principal.orgId, id);
    if (!row) throw notFound('MCP server');
    return row;
  }

  private async assertUrlAllowed(body: CreateServerBody): Promise<void> {
    if (body.transport === 'stdio' || !body.url) return;
    const verdict = await this.deps.checkUrl(body.url);
    if (!verdict.ok) throw new AppError('url_not_allowed', 400, verdict.message, { rule: verdict.rule });
  }

  private async freeSlug(orgId: string, name: string): Promise<string> {
    const base = slugify(name, { decamelize: false }).slice(0, 40) || 'server';
    const taken = new Set(await store.slugsLike(this.deps.db, orgId, base));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n += 1) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
  }

  private columnsOf(body: CreateServerBody, ids: Map<string, string>) {
    const refs = (names: string[], prefix: string) =>
      Object.fromEntries(names.map((name) => [name, { credentialId: ids.get(`${prefix}.${name}`)! }]));
    return {
      name: body.name,
      description: body.description ?? null,
      transport: body.transport,
      command: body.command ?? null,
      args: body.args ?? [],
      env: body.env ?? {},
      secretEnv: refs(Object.keys(body.secretEnv ?? {}), 'env'),
      cwd: body.cwd ?? null,
      url: body.url ?? null,
      headers: body.headers ?? {},
      secretHeaders: refs(Object.keys(body.secretHeaders ?? {}), 'header'),
      auth: storedAuth(body.auth, ids),
      tags: body.tags ?? [],
      enabled: body.enabled ?? true,
      timeoutMs: body.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxConcurrency: body.maxConcurrency ?? DEFAULT_MAX_CONCURRENCY,
      manifest: body.manifest ?? null,
    };
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
