// Queries for credentials, their shares and audit trail. Every read takes the caller's organization.
import { and, asc, desc, eq, getTableColumns, sql } from 'drizzle-orm';
import type { SelectedFields } from 'drizzle-orm/pg-core';
import type { Db } from '../../platform/db/database.js';
import { credentialAudit, credentialShares, credentials } from '../../platform/db/schema.js';

export type CredentialRow = typeof credentials.$inferSelect;
export type CredentialWithShares = CredentialRow & { sharedUserIds: string[]; sharedAgentIds: string[] };
export type CredentialMetadata = Omit<CredentialWithShares, 'secret'>;
export type AuditRow = typeof credentialAudit.$inferSelect;

/** Grantee ids aggregated per credential, so a credential and its shares come back in one query. */
const sharedIds = (granteeType: 'user' | 'agent') =>
  sql<
    string[]
  >`coalesce(array_agg(${credentialShares.granteeId}::text) filter (where ${credentialShares.granteeType} = ${granteeType}), '{}')::text[]`;

const { secret: _secret, ...metadataColumns } = getTableColumns(credentials);

function selectWithShares<T extends SelectedFields>(db: Db, columns: T) {
  return db
    .select({ ...columns, sharedUserIds: sharedIds('user'), sharedAgentIds: sharedIds('agent') })
    .from(credentials)
    .leftJoin(credentialShares, eq(credentialShares.credentialId, credentials.id))
    .groupBy(credentials.id)
    .$dynamic();
}

/** Every credential of the organization with its shares, without the sealed secrets. */
export function listCredentials(db: Db, orgId: string): Promise<CredentialMetadata[]> {
  return selectWithShares(db, metadataColumns).where(eq(credentials.orgId, orgId)).orderBy(asc(credentials.name));
}

export async function findCredential(db: Db, orgId: string, id: string): Promise<CredentialWithShares | undefined> {
  const [row] = await selectWithShares(db, getTableColumns(credentials)).where(
    and(eq(credentials.orgId, orgId), eq(credentials.id, id)),
  );
  return row;
}

export async function insertCredential(
  db: Db,
  row: typeof credentials.$inferInsert,
  audit: typeof credentialAudit.$inferInsert,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(credentials).values(row);
    await tx.insert(credentialAudit).values(audit);
  });
}

export async function updateCredential(
  db: Db,
  orgId: string,
  id: string,
  changes: Partial<typeof credentials.$inferInsert>,
  audit: typeof credentialAudit.$inferInsert,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(credentials)
      .set(changes)
      .where(and(eq(credentials.orgId, orgId), eq(credentials.id, id)));
    await tx.insert(credentialAudit).values(audit);
  });
}

export async function deleteCredential(
  db: Db,
  orgId: string,
  id: string,
  audit: typeof credentialAudit.$inferInsert,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(credentials).where(and(eq(credentials.orgId, orgId), eq(credentials.id, id)));
    await tx.insert(credentialAudit).values(audit);
  });
}

export async function addShares(
  db: Db,
  shares: (typeof credentialShares.$inferInsert)[],
  audit: typeof credentialAudit.$inferInsert,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.insert(credentialShares).values(shares).onConflictDoNothing();
    await tx.insert(credentialAudit).values(audit);
  });
}

export async function removeShares(
  db: Db,
  credentialId: string,
  grantees: { granteeType: string; granteeId: string }[],
  audit: typeof credentialAudit.$inferInsert,
): Promise<void> {
  await db.transaction(async (tx) => {
    for (const grantee of grantees) {
      await tx
        .delete(credentialShares)
        .where(
          and(
            eq(credentialShares.credentialId, credentialId),
            eq(credentialShares.granteeType, grantee.granteeType),
            eq(credentialShares.granteeId, grantee.granteeId),
          ),
        );
    }
    await tx.insert(credentialAudit).values(audit);
  });
}

export async function insertAudit(db: Db, audit: typeof credentialAudit.$inferInsert): Promise<void> {
  await db.insert(credentialAudit).values(audit);
}

export function listAudit(db: Db, orgId: string, credentialId: string): Promise<AuditRow[]> {
  return db
    .select()
    .from(credentialAudit)
    .where(and(eq(credentialAudit.orgId, orgId), eq(credentialAudit.credentialId, credentialId)))
    .orderBy(desc(credentialAudit.at))
    .limit(1000);
}
