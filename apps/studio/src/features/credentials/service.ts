// The credentials vault: values sealed at rest, write-only except through an audited reveal.
import { randomUUID } from 'node:crypto';
import type {
  CreateCredentialBody,
  Credential,
  CredentialAuditEntry,
  EventType,
  ShareCredentialBody,
  UpdateCredentialBody,
} from '@mcp-studio/protocol';
import { type Action, asSubject } from '../../platform/auth/abilities.js';
import type { Principal } from '../../platform/auth/principal.js';
import type { Clock } from '../../platform/clock.js';
import type { Vault } from '../../platform/crypto/vault.js';
import type { Db } from '../../platform/db/database.js';
import { isUniqueViolation } from '../../platform/db/errors.js';
import type { EventBus } from '../../platform/events/bus.js';
import { badRequest, conflict, forbidden, notFound } from '../../platform/http/errors.js';
import { countMembersIn } from '../orgs/store.js';
import { accessFields, presentAuditEntry, presentCredential } from './present.js';
import * as store from './store.js';

export interface CredentialServiceDeps {
  db: Db;
  vault: Vault;
  bus: EventBus;
  clock: Clock;
}

function granteesOf(body: ShareCredentialBody) {
  const userIds = [...new Set(body.userIds ?? [])];
  const agentIds = [...new Set(body.agentIds ?? [])];
  const grantees = [
    ...userIds.map((granteeId) => ({ granteeType: 'user', granteeId })),
    ...agentIds.map((granteeId) => ({ granteeType: 'agent', granteeId })),
  ];
  return { userIds, agentIds, grantees };
}

/** Binds a sealed value to its organization and row: copied elsewhere, it no longer decrypts. */
export function credentialAad(orgId: string, id: string): string {
  return `credential:${orgId}:${id}`;
}

const nameTaken = () => conflict('credential_name_taken', 'A credential with this name already exists');

export class CredentialService {
  constructor(private readonly deps: CredentialServiceDeps) {}

  async create(principal: Principal, body: CreateCredentialBody, ip: string | null): Promise<Credential> {
    const id = randomUUID();
    const now = this.deps.clock.now();
    try {
      await store.insertCredential(
        this.deps.db,
        {
          id,
          orgId: principal.orgId,
          name: body.name,
          type: body.type,
          visibility: body.visibility ?? 'private',
          description: body.description ?? null,
          metadata: body.metadata ?? {},
          ownerUserId: principal.userId,
          secret: this.deps.vault.seal(body.value, credentialAad(principal.orgId, id)),
          keyId: this.deps.vault.currentKeyId,
          createdAt: now,
          updatedAt: now,
        },
        this.audit(principal, id, 'created', ip),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    return this.publish('credential_created', await this.load(principal.orgId, id));
  }

  async list(principal: Principal): Promise<Credential[]> {
    const rows = await store.listCredentials(this.deps.db, principal.orgId);
    return rows.filter((row) => principal.canOn('read', 'Credential', accessFields(row))).map(presentCredential);
  }

  async get(principal: Principal, id: string): Promise<Credential> {
    return presentCredential(await this.authorize(principal, id, 'read'));
  }

  async update(principal: Principal, id: string, body: UpdateCredentialBody, ip: string | null): Promise<Credential> {
    const row = await this.authorize(principal, id, 'update');
    const { value, ...fields } = body;
    const changes: Parameters<typeof store.updateCredential>[3] = { ...fields, updatedAt: this.deps.clock.now() };
    if (value !== undefined) {
      changes.secret = this.deps.vault.seal(value, credentialAad(row.orgId, row.id));
      changes.keyId = this.deps.vault.currentKeyId;
    }
    const action = value !== undefined ? 'rotated' : 'updated';
    try {
      const fieldsChanged = Object.keys(body).filter((k) => k !== 'value');
      await store.updateCredential(
        this.deps.db,
        row.orgId,
        row.id,
        changes,
        this.audit(principal, row.id, action, ip, { fields: fieldsChanged }),
      );
    } catch (err) {
      if (isUniqueViolation(err)) throw nameTaken();
      throw err;
    }
    return this.publish('credential_updated', await this.load(row.orgId, row.id));
  }

  async delete(principal: Principal, id: string, ip: string | null): Promise<void> {
    const row = await this.authorize(principal, id, 'delete');
    await store.deleteCredential(this.deps.db, row.orgId, row.id, this.audit(principal, row.id, 'deleted', ip));
    this.deps.bus.publish({
      topic: 'credentials',
      type: 'credential_deleted',
      orgId: row.orgId,
      data: { id: row.id },
      access: { action: 'read', subject: 'Credential', object: accessFields(row) },
    });
  }

  /** Returns the plaintext to someone allowed to see it, and records that they did. */
  async reveal(principal: Principal, id: string, ip: string | null): Promise<string> {
    const row = await this.authorize(principal, id, 'reveal');
    const value = this.deps.vault.open(row.secret, credentialAad(row.orgId, row.id));
    await store.insertAudit(this.deps.db, this.audit(principal, row.id, 'revealed', ip));
    return value;
  }

  async share(principal: Principal, id: string, body: ShareCredentialBody, ip: string | null): Promise<Credential> {
    const row = await this.authorize(principal, id, 'share');
    const { userIds, agentIds, grantees } = granteesOf(body);
    if (userIds.length > 0 && (await countMembersIn(this.deps.db, row.orgId, userIds)) !== userIds.length) {
      throw badRequest('Every userId must be a member of this organization');
    }
    await store.addShares(
      this.deps.db,
      grantees.map((g) => ({ ...g, credentialId: row.id, createdBy: principal.userId })),
      this.audit(principal, row.id, 'shared', ip, { userIds, agentIds }),
    );
    return this.publish('credential_updated', await this.load(row.orgId, row.id));
  }

  /** Takes shares back; the users and agents named lose access the shares gave them at once. */
  async unshare(principal: Principal, id: string, body: ShareCredentialBody, ip: string | null): Promise<Credential> {
    const row = await this.authorize(principal, id, 'share');
    const { userIds, agentIds, grantees } = granteesOf(body);
    await store.removeShares(
      this.deps.db,
      row.id,
      grantees,
      this.audit(principal, row.id, 'unshared', ip, { userIds, agentIds }),
    );
    // Told to the audience from before, so those who lost access refresh and find it gone.
    return this.publish('credential_updated', await this.load(row.orgId, row.id), accessFields(row));
  }

  async auditLog(principal: Principal, id: string): Promise<CredentialAuditEntry[]> {
    const row = await this.authorize(principal, id, 'read');
    return (await store.listAudit(this.deps.db, row.orgId, row.id)).map(presentAuditEntry);
  }

  /** For other capabilities (MCP server connections, agents): decrypts for use and records who used it. */
  async useValue(
    orgId: string,
    id: string,
    actor: { type: 'user' | 'agent' | 'server' | 'system'; id: string | null },
  ): Promise<string> {
    const row = await store.findCredential(this.deps.db, orgId, id);
    if (!row) throw notFound('Credential');
    const value = this.deps.vault.open(row.secret, credentialAad(row.orgId, row.id));
    await store.insertAudit(this.deps.db, {
      id: randomUUID(),
      orgId,
      credentialId: id,
      action: 'used',
      actorType: actor.type,
      actorId: actor.id,
      at: this.deps.clock.now(),
    });
    return value;
  }

  /**
   * A credential the principal's role may not read answers 404, like one of another organization. Token scopes
   * were checked by the route for the action itself, so a reveal-only token is not told the row is missing.
   */
  private async authorize(principal: Principal, id: string, action: Action): Promise<store.CredentialWithShares> {
    const row = await store.findCredential(this.deps.db, principal.orgId, id);
    if (!row || !principal.ability.can('read', asSubject('Credential', accessFields(row))))
      throw notFound('Credential');
    if (action !== 'read' && !principal.canOn(action, 'Credential', accessFields(row))) {
      throw forbidden(`You may not ${action} this credential`);
    }
    return row;
  }

  private async load(orgId: string, id: string): Promise<store.CredentialWithShares> {
    const row = await store.findCredential(this.deps.db, orgId, id);
    if (!row) throw notFound('Credential');
    return row;
  }

  private publish(type: EventType, row: store.CredentialWithShares, audience = accessFields(row)): Credential {
    const credential = presentCredential(row);
    this.deps.bus.publish({
      topic: 'credentials',
      type,
      orgId: row.orgId,
      data: credential,
      access: { action: 'read', subject: 'Credential', object: audience },
    });
    return credential;
  }

  private audit(
    principal: Principal,
    credentialId: string,
    action: string,
    ip: string | null,
    details?: Record<string, unknown>,
  ) {
    // Which API token acted for the user, when one did.
    const merged = { ...details, ...(principal.tokenId ? { tokenId: principal.tokenId } : {}) };
    return {
      id: randomUUID(),
      orgId: principal.orgId,
      credentialId,
      action,
      actorType: 'user',
      actorId: principal.userId,
      ip,
      details: Object.keys(merged).length > 0 ? merged : null,
      at: this.deps.clock.now(),
    };
  }
}
