// The only place that turns a credential row into JSON: metadata only, never the sealed secret.
import type { Credential, CredentialAuditEntry } from '@mcp-studio/protocol';
import type { AuditRow, CredentialMetadata, CredentialWithShares } from './store.js';

export function presentCredential(row: CredentialMetadata): Credential {
  return {
    id: row.id,
    name: row.name,
    type: row.type as Credential['type'],
    visibility: row.visibility as Credential['visibility'],
    description: row.description,
    metadata: row.metadata,
    ownerUserId: row.ownerUserId,
    ownerAgentId: row.ownerAgentId,
    sharedWith: { userIds: row.sharedUserIds, agentIds: row.sharedAgentIds },
    hasValue: true,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export function presentAuditEntry(row: AuditRow): CredentialAuditEntry {
  return {
    id: row.id,
    action: row.action as CredentialAuditEntry['action'],
    actorId: row.actorId,
    actorType: row.actorType as CredentialAuditEntry['actorType'],
    at: row.at.toISOString(),
    ip: row.ip,
    details: row.details ?? null,
  };
}

/** The fields the role rules look at (see platform/auth/abilities.ts). */
export function accessFields(row: Pick<CredentialWithShares, 'ownerUserId' | 'visibility' | 'sharedUserIds'>) {
  return { ownerUserId: row.ownerUserId, visibility: row.visibility, sharedUserIds: row.sharedUserIds };
}
