// Queries for agent servers and their registration tokens. Every read on behalf of a user takes its organization.
import { and, asc, eq, gt, isNull } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { agentServerRegistrationTokens, agentServers } from '../../platform/db/schema.js';

export type AgentServerRow = typeof agentServers.$inferSelect;
export type NewAgentServerRow = typeof agentServers.$inferInsert;
export type RegistrationTokenRow = typeof agentServerRegistrationTokens.$inferSelect;

export function listAgentServers(db: Db, orgId: string): Promise<AgentServerRow[]> {
  return db.select().from(agentServers).where(eq(agentServers.orgId, orgId)).orderBy(asc(agentServers.name));
}

/** Every organization's nodes, for the sweep. */
export function listAllAgentServers(db: Db): Promise<AgentServerRow[]> {
  return db.select().from(agentServers);
}

export async function findAgentServer(db: Db, orgId: string, id: string): Promise<AgentServerRow | undefined> {
  const [row] = await db
    .select()
    .from(agentServers)
    .where(and(eq(agentServers.orgId, orgId), eq(agentServers.id, id)));
  return row;
}

/** By id alone: for the node's own heartbeat, which proves itself with its node token instead. */
export async function findAgentServerById(db: Db, id: string): Promise<AgentServerRow | undefined> {
  const [row] = await db.select().from(agentServers).where(eq(agentServers.id, id));
  return row;
}

export async function insertAgentServer(db: Db, row: NewAgentServerRow): Promise<AgentServerRow> {
  const [inserted] = await db.insert(agentServers).values(row).returning();
  return inserted!;
}

export async function updateAgentServer(
  db: Db,
  id: string,
  changes: Partial<NewAgentServerRow>,
  /** Only if the row is still as it was read (a beat or another sweep may have changed it meanwhile). */
  unchangedSince?: Pick<AgentServerRow, 'status' | 'lastHeartbeatAt'>,
): Promise<AgentServerRow | undefined> {
  const where = unchangedSince
    ? and(
        eq(agentServers.id, id),
        eq(agentServers.status, unchangedSince.status),
        unchangedSince.lastHeartbeatAt
          ? eq(agentServers.lastHeartbeatAt, unchangedSince.lastHeartbeatAt)
          : isNull(agentServers.lastHeartbeatAt),
      )
    : eq(agentServers.id, id);
  const [row] = await db.update(agentServers).set(changes).where(where).returning();
  return row;
}

export async function deleteAgentServer(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(agentServers).where(and(eq(agentServers.orgId, orgId), eq(agentServers.id, id)));
}

export async function insertRegistrationToken(
  db: Db,
  row: typeof agentServerRegistrationTokens.$inferInsert,
): Promise<RegistrationTokenRow> {
  const [inserted] = await db.insert(agentServerRegistrationTokens).values(row).returning();
  return inserted!;
}

/**
 * Spends a registration token and creates its node in one transaction: the token is taken only if unused and
 * unexpired, and given back if the node cannot be created (its name was taken meanwhile).
 */
export async function registerWithToken(
  db: Db,
  tokenHash: string,
  now: Date,
  makeRow: (token: RegistrationTokenRow) => NewAgentServerRow,
): Promise<AgentServerRow | undefined> {
  return db.transaction(async (tx) => {
    const [token] = await tx
      .update(agentServerRegistrationTokens)
      .set({ usedAt: now })
      .where(
        and(
          eq(agentServerRegistrationTokens.tokenHash, tokenHash),
          isNull(agentServerRegistrationTokens.usedAt),
          gt(agentServerRegistrationTokens.expiresAt, now),
        ),
      )
      .returning();
    if (!token) return undefined;
    const [row] = await tx.insert(agentServers).values(makeRow(token)).returning();
    await tx
      .update(agentServerRegistrationTokens)
      .set({ agentServerId: row!.id })
      .where(eq(agentServerRegistrationTokens.id, token.id));
    return row;
  });
}
