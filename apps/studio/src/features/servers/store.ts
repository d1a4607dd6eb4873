// Queries for MCP server registrations. Every read takes the caller's organization.
import { and, asc, eq, like, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/database.js';
import { mcpServers } from '../../platform/db/schema.js';

export type ServerRow = typeof mcpServers.$inferSelect;
export type NewServerRow = typeof mcpServers.$inferInsert;

export function listServers(db: Db, orgId: string): Promise<ServerRow[]> {
  return db.select().from(mcpServers).where(eq(mcpServers.orgId, orgId)).orderBy(asc(mcpServers.name));
}

export async function findServer(db: Db, orgId: string, id: string): Promise<ServerRow | undefined> {
  const [row] = await db
    .select()
    .from(mcpServers)
    .where(and(eq(mcpServers.orgId, orgId), eq(mcpServers.id, id)));
  return row;
}

export async function countServers(db: Db, orgId: string): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(mcpServers).where(eq(mcpServers.orgId, orgId));
  return row?.n ?? 0;
}

/** Slugs in use that start with `base`, to pick the next free one. */
export async function slugsLike(db: Db, orgId: string, base: string): Promise<string[]> {
  const rows = await db
    .select({ slug: mcpServers.slug })
    .from(mcpServers)
    .where(and(eq(mcpServers.orgId, orgId), like(mcpServers.slug, `${base}%`)));
  return rows.map((r) => r.slug);
}

export async function insertServer(db: Db, row: NewServerRow): Promise<ServerRow> {
  const [inserted] = await db.insert(mcpServers).values(row).returning();
  return inserted!;
}

export async function updateServer(
  db: Db,
  orgId: string,
  id: string,
  changes: Partial<NewServerRow>,
): Promise<ServerRow | undefined> {
  const [row] = await db
    .update(mcpServers)
    .set(changes)
    .where(and(eq(mcpServers.orgId, orgId), eq(mcpServers.id, id)))
    .returning();
  return row;
}

export async function deleteServer(db: Db, orgId: string, id: string): Promise<void> {
  await db.delete(mcpServers).where(and(eq(mcpServers.orgId, orgId), eq(mcpServers.id, id)));
}
