// Queries for health checks. The monitor works across organizations; history reads take the caller's server.
import { and, asc, desc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../../../platform/db/database.js';
import { mcpServerHealthChecks, mcpServers } from '../../../platform/db/schema.js';
import type { ServerRow } from '../store.js';

export type HealthCheckRow = typeof mcpServerHealthChecks.$inferSelect;

/** Every enabled server of every organization, in a stable order. */
export async function listEnabledServerIds(db: Db): Promise<string[]> {
  const rows = await db
    .select({ id: mcpServers.id })
    .from(mcpServers)
    .where(eq(mcpServers.enabled, true))
    .orderBy(asc(mcpServers.createdAt), asc(mcpServers.id));
  return rows.map((r) => r.id);
}

export async function findServerById(db: Db, id: string): Promise<ServerRow | undefined> {
  const [row] = await db.select().from(mcpServers).where(eq(mcpServers.id, id));
  return row;
}

/** The row locked until the transaction ends, so two outcomes recorded at once both count. */
export async function lockServer(db: Db, id: string): Promise<ServerRow | undefined> {
  const [row] = await db.select().from(mcpServers).where(eq(mcpServers.id, id)).for('update');
  return row;
}

export async function insertHealthCheck(db: Db, row: typeof mcpServerHealthChecks.$inferInsert): Promise<void> {
  await db.insert(mcpServerHealthChecks).values(row);
}

/** The newest `limit` checks at or after `since`, oldest first. */
export async function listHealthChecks(
  db: Db,
  serverId: string,
  since: Date,
  limit: number,
): Promise<HealthCheckRow[]> {
  const rows = await db
    .select()
    .from(mcpServerHealthChecks)
    .where(and(eq(mcpServerHealthChecks.serverId, serverId), gte(mcpServerHealthChecks.checkedAt, since)))
    .orderBy(desc(mcpServerHealthChecks.checkedAt), desc(mcpServerHealthChecks.id))
    .limit(limit);
  return rows.reverse();
}

/** Deletes checks older than `cutoff`; returns how many went. */
export async function purgeHealthChecksBefore(db: Db, cutoff: Date): Promise<number> {
  const deleted = await db
    .delete(mcpServerHealthChecks)
    .where(lt(mcpServerHealthChecks.checkedAt, cutoff))
    .returning({ id: mcpServerHealthChecks.id });
  return deleted.length;
}
