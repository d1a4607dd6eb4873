// Agent servers of an organization: registration tokens, self-registration, heartbeats, attaching, changes.
import { randomUUID } from 'node:crypto';
import {
  type AgentServer,
  type AttachAgentServerBody,
  agentServerUrlSchema,
  type CreatedRegistrationToken,
  type CreateRegistrationTokenBody,
  type EventType,
  type HeartbeatBody,
  type HeartbeatResult,
  NODE_TOKEN_PREFIX,
  REGISTRATION_TOKEN_PREFIX,
  type RegisteredNode,
  type RegisterNodeBody,
  type UpdateAgentServerBody,
} from '@mcp-studio/protocol';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import { generateSecret, hashSecret } from '../../platform/crypto/secrets.js';
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import { badRequest, conflict, notFound, unauthorized } from '../../platform/http/errors.js';
import type { NodeClient, NodeTarget } from './nodeClient.js';
import { presentAgentServer } from './present.js';
import { probeNode } from './probe.js';
import { announceStatus, liveStatus, silentSince } from './status.js';
import * as store from './store.js';

const REGISTRATION_TTL_MS = 24 * 60 * 60 * 1000;

export interface AgentServerServiceDeps {
  db: Db;
  bus: EventBus;
  clock: Clock;
  vault: Vault;
  nodes: NodeClient;
  /** Where nodes reach the studio (PUBLIC_URL), for the command shown with a registration token. */
  studioUrl: string;
}

/** Binds a sealed master token to its organization and node: copied to another row, it no longer opens. */
export function masterTokenAad(orgId: string, id: string): string {
  return `agent-server:${orgId}:${id}`;
}

const nameTaken = () => conflict('agent_server_name_taken', 'An agent server with this name already exists');

/** Single quotes for a POSIX shell, so a name or URL pastes as one word whatever it holds. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export class AgentServerService {
  constructor(private readonly deps: AgentServerServiceDeps) {}

  async list(principal: Principal): Promise<AgentServer[]> {
    return (await store.listAgentServers(this.deps.db, principal.orgId)).map(presentAgentServer);
  }

  async get(principal: Principal, id: string): Promise<AgentServer> {
    return presentAgentServer(await this.find(principal, id));
  }

  async createRegistrationToken(
    principal: Principal,
    body: CreateRegistrationTokenBody,
  ): Promise<CreatedRegistrationToken> {
    const taken = (await store.listAgentServers(this.deps.db, principal.orgId)).some((s) => s.name === body.name);
    if (taken) throw nameTaken();
    const token = generateSecret(REGISTRATION_TOKEN_PREFIX);
    const now = this.deps.clock.now();
    const expiresAt = new Date(now.getTime() + REGISTRATION_TTL_MS);
    await store.insertRegistrationToken(this.deps.db, {
      id: randomUUID(),
      orgId: principal.orgId,
      name: body.name,
      tokenHash: hashSecret(token),
      createdBy: principal.userId,
      createdAt: now,
      expiresAt,
    });
    const command = [
      `STUDIO_URL=${shellQuote(this.deps.studioUrl)}`,
      `REGISTRATION_TOKEN=${shellQuote(token)}`,
      `AGENT_SERVER_NAME=${shellQuote(body.name)}`,
      'HOST=0.0.0.0',
      `PUBLIC_URL=${shellQuote('http://<this-vm>:4100')}`,
      'npm run agent-server',
    ].join(' ');
    return { name: body.name, token, expiresAt: expiresAt.toISOString(), command };
  }

  /** A node spends its registration token: it joins the token's organization under the token's name. */
  async register(body: RegisterNodeBody): Promise<RegisteredNode> {
    const url = agentServerUrlSchema.safeParse(body.url);
    if (!url.success) throw badRequest(`url: ${url.error.issues[0]?.message ?? 'invalid'}`);
    await this.deps.nodes.urls.assertAllowed(body.url);
    const nodeToken = generateSecret(NODE_TOKEN_PREFIX);
    const now = this.deps.clock.now();
    const id = randomUUID();
    let row: store.AgentServerRow | undefined;
    try {
      row = await store.registerWithToken(this.deps.db, hashSecret(body.registrationToken), now, (token) => ({
        id,
        orgId: token.orgId,
        name: token.name,
        url: normalizeUrl(body.url),
        origin: 'registered',
        masterTokenSecret: this.deps.vault.seal(body.masterToken, masterTokenAad(token.orgId, id)),
        keyId: this.deps.vault.currentKeyId,
        nodeTokenHash: hashSecret(nodeToken),
        status: 'UNKNOWN',
        version: body.version,
        heartbeatIntervalMs: body.intervalMs ?? null,
        createdBy: token.createdBy,
        createdAt: now,
        updatedAt: now,
      }));
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    if (!row) {
      throw unauthorized('The registration token is unknown, already used or expired', 'invalid_registration_token');
    }
    this.publish('agent_server_created', row);
    return { id: row.id, nodeToken };
  }

  /** A node's beat, proven by its node token: records its figures and makes it ONLINE (or DEGRADED). */
  async heartbeat(id: string, nodeToken: string | undefined, body: HeartbeatBody): Promise<HeartbeatResult> {
    const row = await store.findAgentServerById(this.deps.db, id);
    if (!row || !nodeToken || row.nodeTokenHash !== hashSecret(nodeToken)) {
      throw unauthorized('Unknown agent server or wrong node token', 'invalid_node_token');
    }
    const now = this.deps.clock.now();
    const status = liveStatus(row, body.status);
    const { version, status: reported, intervalMs, ...figures } = body;
    const updated = await store.updateAgentServer(this.deps.db, row.id, {
      lastHeartbeatAt: now,
      heartbeatIntervalMs: intervalMs,
      version,
      reportedStatus: reported,
      figures,
      status,
      consecutiveFailures: 0,
      lastError: null,
      ...(status === row.status ? {} : { statusChangedAt: now }),
      updatedAt: now,
    });
    if (updated) announceStatus(this.deps.bus, updated, row.status, 'heartbeat');
    return { status };
  }

  /** Attaches a running node: it must answer /health and accept the master token, which goes into the vault. */
  async attach(principal: Principal, body: AttachAgentServerBody): Promise<AgentServer> {
    const url = normalizeUrl(body.url);
    await this.deps.nodes.urls.assertAllowed(url);
    const probe = await probeNode(this.deps.nodes, { url, masterToken: body.masterToken });
    const now = this.deps.clock.now();
    const id = randomUUID();
    try {
      const row = await store.insertAgentServer(this.deps.db, {
        id,
        orgId: principal.orgId,
        name: body.name,
        url,
        origin: 'attached',
        masterTokenSecret: this.deps.vault.seal(body.masterToken, masterTokenAad(principal.orgId, id)),
        keyId: this.deps.vault.currentKeyId,
        status: liveStatus({ maintenance: false }, probe.status),
        version: probe.version,
        figures: probe.uptimeSeconds === null ? null : { uptimeSeconds: probe.uptimeSeconds },
        lastCheckedAt: now,
        statusChangedAt: now,
        createdBy: principal.userId,
        createdAt: now,
        updatedAt: now,
      });
      return this.publish('agent_server_created', row);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
  }

  async update(principal: Principal, id: string, body: UpdateAgentServerBody): Promise<AgentServer> {
    const row = await this.find(principal, id);
    const now = this.deps.clock.now();
    const changes: Partial<store.NewAgentServerRow> = { updatedAt: now };
    if (body.name !== undefined) changes.name = body.name;
    if (body.maintenance !== undefined && body.maintenance !== row.maintenance) {
      changes.maintenance = body.maintenance;
      // Out of maintenance, a node beating recently is what it last said; otherwise the next beat or poll tells.
      const isFresh = row.lastHeartbeatAt !== null && silentSince(row) > now;
      changes.status = body.maintenance
        ? 'MAINTENANCE'
        : isFresh
          ? liveStatus({ maintenance: false }, row.reportedStatus)
          : 'UNKNOWN';
      changes.statusChangedAt = now;
    }
    let updated: store.AgentServerRow | undefined;
    try {
      updated = await store.updateAgentServer(this.deps.db, row.id, changes);
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    if (!updated) throw notFound('Agent server');
    announceStatus(this.deps.bus, updated, row.status, body.maintenance ? 'maintenance on' : 'maintenance off');
    return this.publish('agent_server_updated', updated);
  }

  async delete(principal: Principal, id: string): Promise<void> {
    const row = await this.find(principal, id);
    await store.deleteAgentServer(this.deps.db, row.orgId, row.id);
    this.deps.bus.publish({
      topic: 'servers',
      type: 'agent_server_deleted',
      orgId: row.orgId,
      data: { id: row.id },
      access: { action: 'read', subject: 'AgentServer' },
    });
  }

  /** Where to reach the node and with what: for the proxy only, never for a response. */
  async target(principal: Principal, id: string): Promise<NodeTarget> {
    const row = await this.find(principal, id);
    return {
      url: row.url,
      masterToken: this.deps.vault.open(row.masterTokenSecret, masterTokenAad(row.orgId, row.id)),
    };
  }

  /** The same, for the studio's own background work (the sweep's polls). */
  targetOf(row: store.AgentServerRow): NodeTarget {
    return {
      url: row.url,
      masterToken: this.deps.vault.open(row.masterTokenSecret, masterTokenAad(row.orgId, row.id)),
    };
  }

  private async find(principal: Principal, id: string): Promise<store.AgentServerRow> {
    const row = await store.findAgentServer(this.deps.db, principal.orgId, id);
    if (!row) throw notFound('Agent server');
    return row;
  }

  private publish(type: EventType, row: store.AgentServerRow): AgentServer {
    const agentServer = presentAgentServer(row);
    this.deps.bus.publish({
      topic: 'servers',
      type,
      orgId: row.orgId,
      data: agentServer,
      access: { action: 'read', subject: 'AgentServer' },
    });
    return agentServer;
  }
}

function normalizeUrl(url: string): string {
  return new URL(url).origin;
}
